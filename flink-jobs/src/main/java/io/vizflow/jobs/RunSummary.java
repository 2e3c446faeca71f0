package io.vizflow.jobs;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * What one date's run did: the figures `vizflow run` prints, and where its time went
 * ({@link StageTime}s of the embedded cluster's run; none when it ran on a real Flink cluster).
 */
public record RunSummary(LocalDate date, Path input, long inputRows, long pieces, long clampedRows,
                         long groups, double seconds, Path partial, List<Path> files, long peakRssBytes,
                         List<StageTime> stages) {

    public double rowsPerSecond() {
        return seconds > 0 ? inputRows / seconds : 0;
    }

    /** True when the job was submitted without waiting for it (its figures are not known here). */
    public boolean submittedOnly() {
        return pieces < 0;
    }

    /** The multi-line summary printed after a run. */
    public String describe() {
        if (submittedOnly()) {
            return String.format(Locale.ROOT, "date          %s%ninput         %s%ninput rows    %,d%n"
                    + "submitted     the job publishes its partial when it finishes%npartial       %s",
                    date, input, inputRows, partial);
        }
        return String.format(Locale.ROOT,
                "date          %s%n"
                        + "input         %s%n"
                        + "input rows    %,d%n"
                        + "pieces        %,d%n"
                        + "clamped rows  %,d%n"
                        + "groups        %,d%n"
                        + "seconds       %.2f%n"
                        + "rows/s        %,.0f%n"
                        + "peak memory   %s%n"
                        + "partial       %s",
                date, input, inputRows, pieces, clampedRows, groups, seconds, rowsPerSecond(),
                peakRssBytes > 0 ? String.format(Locale.ROOT, "%,d MB (peak RSS of this process)", peakRssBytes >> 20)
                        : "unknown", partial);
    }
}
