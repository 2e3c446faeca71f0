package io.vizflow.jobs.cli;

import io.vizflow.BadInputException;
import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.BatchRun;
import io.vizflow.jobs.DateOutcome;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vizflow run-batch --config FILE (--dates D1,D2,... | --from D --to D) [--parallel N]
 * [--no-skip-existing]}.
 */
@Command(name = "run-batch", mixinStandardHelpOptions = true,
        description = "Run many dates: trading days from the calendar, progress shown, failures isolated, summary at the end.")
final class RunBatchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML config.")
    Path config;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
        @Option(names = "--dates", split = ",", converter = Dates.class, description = "Dates YYYYMMDD, comma-separated.")
        List<LocalDate> dates;

        @ArgGroup(exclusive = false)
        Range range;
    }

    static final class Range {
        @Option(names = "--from", required = true, converter = Dates.class, description = "First date YYYYMMDD.")
        LocalDate from;

        @Option(names = "--to", required = true, converter = Dates.class, description = "Last date YYYYMMDD.")
        LocalDate to;
    }

    @Option(names = "--parallel", defaultValue = "1", description = "Dates run at a time (default ${DEFAULT-VALUE}).")
    int parallel;

    @Option(names = "--no-skip-existing", negatable = false,
            description = "Run dates whose partial is already complete (_SUCCESS) again.")
    boolean noSkipExisting;

    @Override
    public Integer call() throws Exception {
        VizFlowConfig cfg = VizFlowConfig.load(config);
        TradingCalendar calendar = cfg.calendar() == null ? null : TradingCalendar.load(cfg.calendar());
        List<LocalDate> dates;
        PrintWriter err = spec.commandLine().getErr();
        if (which.dates != null) {
            dates = which.dates;
        } else if (calendar != null) {
            dates = calendar.range(which.range.from, which.range.to);
        } else {
            dates = TradingCalendar.weekdays(which.range.from, which.range.to, List.of()).dates();
            err.println("vizflow: no calendar in " + config + ": running the weekdays "
                    + TradingCalendar.format(which.range.from) + ".." + TradingCalendar.format(which.range.to));
        }
        if (dates.isEmpty()) {
            throw new BadInputException("no trading day to run");
        }
        Progress progress = new Progress(err, dates.size(), System.console() != null);
        List<DateOutcome> outcomes = new BatchRun(cfg, calendar, parallel, !noSkipExisting).run(dates, progress::accept);
        PrintWriter out = spec.commandLine().getOut();
        out.println(summary(outcomes));
        out.flush();
        return outcomes.stream().anyMatch(o -> o.status() == DateOutcome.Status.FAILED) ? 1 : 0;
    }

    static String summary(List<DateOutcome> outcomes) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-10s  %-7s  %12s  %7s  %8s  %s%n", "date", "status", "rows", "groups", "seconds", "detail"));
        List<DateOutcome> sorted = new ArrayList<>(outcomes);
        sorted.sort((a, b) -> a.date().compareTo(b.date()));
        int done = 0;
        int skipped = 0;
        int failed = 0;
        long rows = 0;
        for (DateOutcome o : sorted) {
            String date = TradingCalendar.format(o.date());
            switch (o.status()) {
                case DONE:
                    done++;
                    rows += o.summary().inputRows();
                    sb.append(String.format(Locale.ROOT, "%-10s  %-7s  %,12d  %,7d  %8.2f  %s%n", date, "done",
                            o.summary().inputRows(), o.summary().groups(), o.summary().seconds(), o.summary().partial()));
                    break;
                case SKIPPED:
                    skipped++;
                    sb.append(String.format(Locale.ROOT, "%-10s  %-7s  %12s  %7s  %8s  %s%n", date, "skipped", "", "", "",
                            "complete partial exists (--no-skip-existing to redo)"));
                    break;
                default:
                    failed++;
                    sb.append(String.format(Locale.ROOT, "%-10s  %-7s  %12s  %7s  %8s  %s%n", date, "FAILED", "", "", "", o.error()));
            }
        }
        sb.append(String.format(Locale.ROOT, "%d dates: %d done, %d skipped, %d failed; %,d rows", outcomes.size(), done,
                skipped, failed, rows));
        return sb.toString();
    }
}
