package io.vizflow.jobs;

import io.vizflow.BadInputException;
import io.vizflow.calendar.TradingCalendar;
import io.vizflow.calendar.TradingDay;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.partial.PartialLayout;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Many dates, each its own bounded job on the embedded cluster, {@code parallel} at a time. A
 * failing date (missing, corrupt, bad data) is recorded with its cause and does not stop the
 * others. Dates whose partial is complete ({@code _SUCCESS}) are skipped unless told otherwise;
 * since a partial appears atomically, a batch killed halfway and run again does just what is
 * missing.
 */
public final class BatchRun {
    private final VizFlowConfig config;
    private final TradingCalendar calendar;
    private final int parallel;
    private final boolean skipExisting;

    /**
     * @param calendar the trading calendar the dates come from (their prev/next trading days too),
     *     or null to run the dates as given
     */
    public BatchRun(VizFlowConfig config, TradingCalendar calendar, int parallel, boolean skipExisting) {
        if (parallel < 1) {
            throw new IllegalArgumentException("--parallel must be at least 1, got " + parallel);
        }
        this.config = config;
        this.calendar = calendar;
        this.parallel = parallel;
        this.skipExisting = skipExisting;
    }

    /** Runs the dates; {@code progress} hears of each date as it ends (from worker threads, one at a time). */
    public List<DateOutcome> run(List<LocalDate> dates, Consumer<DateOutcome> progress) throws InterruptedException {
        List<DateOutcome> outcomes = new ArrayList<>();
        List<Future<DateOutcome>> futures = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(parallel, r -> {
            Thread t = new Thread(r, "vizflow-date");
            t.setDaemon(true);
            return t;
        });
        try {
            for (LocalDate date : dates) {
                futures.add(pool.submit(() -> {
                    DateOutcome o = runOne(date);
                    synchronized (progress) {
                        progress.accept(o);
                    }
                    return o;
                }));
            }
            for (Future<DateOutcome> f : futures) {
                try {
                    outcomes.add(f.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException("a date's worker failed unexpectedly", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return outcomes;
    }

    private DateOutcome runOne(LocalDate date) {
        try {
            if (skipExisting && PartialLayout.isComplete(config.outputDir(), date)) {
                return DateOutcome.skipped(date);
            }
            TradingDay day = calendar == null ? TradingDay.alone(date) : TradingDay.in(calendar, date);
            return DateOutcome.done(new DailyJob(config, day).run());
        } catch (BadInputException e) {
            return DateOutcome.failed(date, e.getMessage());
        } catch (Exception e) {
            Throwable root = e;
            while (root.getCause() != null) root = root.getCause();
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BadInputException) return DateOutcome.failed(date, t.getMessage());
            }
            return DateOutcome.failed(date, String.valueOf(root));
        }
    }
}
