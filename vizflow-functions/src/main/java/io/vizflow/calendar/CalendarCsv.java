package io.vizflow.calendar;

import io.vizflow.BadInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The calendar CSV: a header, then either a single {@code date} column or
 * {@code date,prev_trading_day,next_trading_day}. Dates are read as YYYYMMDD or yyyy-MM-dd and
 * written as YYYYMMDD.
 */
final class CalendarCsv {
    static final String DATE = "date";
    static final String PREV = "prev_trading_day";
    static final String NEXT = "next_trading_day";
    private static final List<String> COLUMNS = List.of(DATE, PREV, NEXT);

    private CalendarCsv() {}

    static TradingCalendar read(Path file) {
        List<String> lines = TextFiles.lines(file, "calendar file");
        int headerIndex = 0;
        while (headerIndex < lines.size() && lines.get(headerIndex).isBlank()) {
            headerIndex++;
        }
        if (headerIndex == lines.size()) {
            throw new BadInputException("calendar file " + file + " is empty; expected a header '" + DATE
                    + "' or '" + String.join(",", COLUMNS) + "' and one row per trading day");
        }
        String where = "calendar file " + file + " line ";
        List<String> header = fields(lines.get(headerIndex));
        int[] position = {-1, -1, -1};
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c).toLowerCase(Locale.ROOT);
            int k = COLUMNS.indexOf(name);
            if (k < 0 || position[k] >= 0) {
                throw new BadInputException(where + (headerIndex + 1) + ": " + (k < 0 ? "unknown" : "repeated")
                        + " column '" + header.get(c) + "'; expected '" + DATE + "' or '" + String.join(",", COLUMNS) + "'");
            }
            position[k] = c;
        }
        if (position[0] < 0) {
            throw new BadInputException(where + (headerIndex + 1) + ": no '" + DATE + "' column in header '"
                    + lines.get(headerIndex) + "'");
        }

        List<LocalDate> days = new ArrayList<>();
        List<LocalDate> prevs = new ArrayList<>();
        List<LocalDate> nexts = new ArrayList<>();
        List<Integer> lineNumbers = new ArrayList<>();
        for (int i = headerIndex + 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            int lineNumber = i + 1;
            List<String> row = fields(lines.get(i));
            if (row.size() != header.size()) {
                throw new BadInputException(where + lineNumber + ": expected " + header.size() + " values ("
                        + String.join(",", header) + "), found " + row.size() + ": '" + lines.get(i) + "'");
            }
            LocalDate date = parse(row.get(position[0]), where + lineNumber, DATE);
            if (!days.isEmpty()) {
                LocalDate last = days.get(days.size() - 1);
                int lastLine = lineNumbers.get(lineNumbers.size() - 1);
                if (date.equals(last)) {
                    throw new BadInputException(where + lineNumber + ", column " + DATE + ": duplicate date "
                            + DateText.format(date) + " (already on line " + lastLine + ")");
                }
                if (date.isBefore(last)) {
                    throw new BadInputException(where + lineNumber + ", column " + DATE + ": date "
                            + DateText.format(date) + " comes after " + DateText.format(last) + " on line " + lastLine
                            + "; dates must be in increasing order");
                }
            }
            days.add(date);
            prevs.add(position[1] < 0 ? null : parseOptional(row.get(position[1]), where + lineNumber, PREV));
            nexts.add(position[2] < 0 ? null : parseOptional(row.get(position[2]), where + lineNumber, NEXT));
            lineNumbers.add(lineNumber);
        }
        if (days.isEmpty()) {
            throw new BadInputException("calendar file " + file + " has a header but no dates");
        }

        int n = days.size();
        for (int i = 0; i < n; i++) {
            LocalDate date = days.get(i);
            String at = where + lineNumbers.get(i) + ", column ";
            LocalDate prev = prevs.get(i);
            if (prev != null && i > 0 && !prev.equals(days.get(i - 1))) {
                throw new BadInputException(at + PREV + ": " + DateText.format(prev) + " disagrees with the date list,"
                        + " where the trading day before " + DateText.format(date) + " is " + DateText.format(days.get(i - 1)));
            }
            if (prev != null && i == 0 && !prev.isBefore(date)) {
                throw new BadInputException(at + PREV + ": " + DateText.format(prev) + " is not before its date "
                        + DateText.format(date));
            }
            LocalDate next = nexts.get(i);
            if (next != null && i < n - 1 && !next.equals(days.get(i + 1))) {
                throw new BadInputException(at + NEXT + ": " + DateText.format(next) + " disagrees with the date list,"
                        + " where the trading day after " + DateText.format(date) + " is " + DateText.format(days.get(i + 1)));
            }
            if (next != null && i == n - 1 && !next.isAfter(date)) {
                throw new BadInputException(at + NEXT + ": " + DateText.format(next) + " is not after its date "
                        + DateText.format(date));
            }
        }
        LocalDate before = prevs.get(0);
        LocalDate after = nexts.get(n - 1);
        return new TradingCalendar(file.toString(), days, before, after,
                before != null ? before.plusDays(1) : days.get(0),
                after != null ? after.minusDays(1) : days.get(n - 1));
    }

    /** Writes the calendar, replacing the file in one step so readers never see half of it. */
    static void write(TradingCalendar calendar, Path file) {
        List<LocalDate> days = calendar.dates();
        StringBuilder out = new StringBuilder(String.join(",", COLUMNS)).append('\n');
        for (int i = 0; i < days.size(); i++) {
            LocalDate prev = i > 0 ? days.get(i - 1) : calendar.before();
            LocalDate next = i < days.size() - 1 ? days.get(i + 1) : calendar.after();
            out.append(DateText.format(days.get(i))).append(',')
                    .append(prev == null ? "" : DateText.format(prev)).append(',')
                    .append(next == null ? "" : DateText.format(next)).append('\n');
        }
        Path target = file.toAbsolutePath();
        Path tmp = null;
        try {
            Files.createDirectories(target.getParent());
            tmp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
            Files.writeString(tmp, out, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new BadInputException("cannot write calendar file " + file + ": " + e, e);
        } finally {
            if (tmp != null) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException ignored) {
                    // best effort: the temporary file is hidden and named after the target
                }
            }
        }
    }

    private static List<String> fields(String line) {
        return Arrays.stream(line.split(",", -1)).map(CalendarCsv::unquote).toList();
    }

    private static String unquote(String value) {
        String v = value.trim();
        return v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"") ? v.substring(1, v.length() - 1).trim() : v;
    }

    private static LocalDate parse(String value, String where, String column) {
        try {
            return DateText.parseBasicOrIso(value);
        } catch (BadInputException e) {
            throw new BadInputException(where + ", column " + column + ": " + e.getMessage());
        }
    }

    private static LocalDate parseOptional(String value, String where, String column) {
        return value.isEmpty() ? null : parse(value, where, column);
    }
}
