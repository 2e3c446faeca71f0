package io.vizflow.jobs.cli;

import io.vizflow.jobs.DateOutcome;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * The progress line of a batch: dates done of total, failures, rows/s and the time left. On a
 * terminal the line is redrawn in place; otherwise (CI, a log file) one line per date.
 */
final class Progress {
    private final PrintWriter out;
    private final int total;
    private final boolean terminal;
    private final long start = System.nanoTime();
    private int done;
    private int failed;
    private int ran;
    private long rows;

    Progress(PrintWriter out, int total, boolean terminal) {
        this.out = out;
        this.total = total;
        this.terminal = terminal;
    }

    void accept(DateOutcome o) {
        done++;
        if (o.status() == DateOutcome.Status.FAILED) failed++;
        if (o.status() == DateOutcome.Status.DONE) {
            ran++;
            rows += o.summary().inputRows();
        }
        String line = line(o);
        if (terminal) {
            out.print("\r" + line + "   ");
            if (done == total) out.println();
        } else {
            out.println(line);
        }
        out.flush();
    }

    private String line(DateOutcome o) {
        double seconds = (System.nanoTime() - start) / 1e9;
        int width = 24;
        int filled = total == 0 ? width : done * width / total;
        String bar = "#".repeat(filled) + "-".repeat(width - filled);
        String eta = ran == 0 ? "--:--" : clock(Duration.ofSeconds(Math.round(seconds / done * (total - done))));
        return String.format(Locale.ROOT, "[%s] %d/%d dates  %d failed  %,.0f rows/s  ETA %s  (%s %s)",
                bar, done, total, failed, seconds > 0 ? rows / seconds : 0, eta,
                io.vizflow.calendar.TradingCalendar.format(o.date()), o.status().name().toLowerCase(Locale.ROOT));
    }

    private static String clock(Duration d) {
        long s = d.getSeconds();
        return s >= 3600 ? String.format("%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60)
                : String.format("%d:%02d", s / 60, s % 60);
    }
}
