package io.vizflow.jobs.consolidate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one consolidation did: the figures {@code vizflow consolidate} prints.
 *
 * @param consolidated the dataset's folder
 * @param partials     the partials' folder
 * @param held         the dates the dataset holds now
 * @param added        dates consolidated for the first time
 * @param replaced     dates consolidated again because their partial changed
 * @param removed      dates dropped because their partial is gone (or no longer complete)
 * @param unchanged    dates left as they were
 * @param incomplete   dates under the partials' folder without {@code _SUCCESS} (skipped)
 * @param rows         rows (groups of all dates) the dataset holds
 * @param rebuilt      true when every date was redone (first run, {@code --full}, or new columns)
 * @param seconds      wall-clock time
 */
public record ConsolidationSummary(Path consolidated, Path partials, List<LocalDate> held, List<LocalDate> added,
                                   List<LocalDate> replaced, List<LocalDate> removed, int unchanged,
                                   List<LocalDate> incomplete, long rows, boolean rebuilt, double seconds) {

    /** True when the run changed no date. */
    public boolean upToDate() {
        return added.isEmpty() && replaced.isEmpty() && removed.isEmpty();
    }

    /** The multi-line summary printed after a consolidation. */
    public String describe() {
        return String.format(Locale.ROOT,
                "consolidated  %s%n"
                        + "partials      %s%n"
                        + "dates held    %s%n"
                        + "added         %s%n"
                        + "replaced      %s%n"
                        + "removed       %s%n"
                        + "unchanged     %,d%n"
                        + "incomplete    %s%n"
                        + "rows          %,d%n"
                        + "seconds       %.2f",
                consolidated, partials, span(held), list(added), list(replaced), list(removed), unchanged,
                incomplete.isEmpty() ? "0" : list(incomplete) + " (no _SUCCESS: skipped)", rows, seconds)
                + (upToDate() ? System.lineSeparator() + "up to date" : rebuilt ? System.lineSeparator() + "rebuilt every date" : "");
    }

    private static String span(List<LocalDate> dates) {
        return dates.isEmpty() ? "0" : String.format(Locale.ROOT, "%,d (%s..%s)", dates.size(), dates.get(0),
                dates.get(dates.size() - 1));
    }

    private static String list(List<LocalDate> dates) {
        if (dates.isEmpty()) return "0";
        String shown = dates.stream().limit(5).map(LocalDate::toString).collect(Collectors.joining(", "));
        return dates.size() + ": " + shown + (dates.size() > 5 ? ", ..." : "");
    }
}
