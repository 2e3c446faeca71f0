package io.vizflow.calendar;

import io.vizflow.BadInputException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.TreeSet;

/** A holiday list: one date per line (YYYYMMDD or yyyy-MM-dd), {@code #} starts a comment, blank lines ignored. */
final class HolidayFile {
    private HolidayFile() {}

    /** The holidays, increasing, each once. */
    static List<LocalDate> read(Path file) {
        List<String> lines = TextFiles.lines(file, "holiday file");
        TreeSet<LocalDate> holidays = new TreeSet<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf('#');
            String value = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (value.isEmpty()) {
                continue;
            }
            try {
                holidays.add(DateText.parseBasicOrIso(value));
            } catch (BadInputException e) {
                throw new BadInputException("holiday file " + file + " line " + (i + 1) + ": " + e.getMessage()
                        + " (one date per line, # for comments)");
            }
        }
        return List.copyOf(holidays);
    }
}
