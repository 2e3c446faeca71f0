package io.vizflow.calendar;

import io.vizflow.BadInputException;
import java.time.DateTimeException;
import java.time.LocalDate;

/** Strict reading and writing of dates as text: {@code YYYYMMDD}, and ISO {@code yyyy-MM-dd} when reading files. */
final class DateText {
    private DateText() {}

    /** Parses {@code YYYYMMDD}; the message names the value and why it was refused. */
    static LocalDate parseBasic(String text) {
        if (text == null) {
            throw new BadInputException("missing date; expected YYYYMMDD");
        }
        String s = text.trim();
        if (!s.matches("\\d{8}")) {
            throw new BadInputException("'" + text + "' is not a date in YYYYMMDD form");
        }
        return of(text, s.substring(0, 4), s.substring(4, 6), s.substring(6, 8), "YYYYMMDD");
    }

    /** Parses {@code YYYYMMDD} or {@code yyyy-MM-dd}. */
    static LocalDate parseBasicOrIso(String text) {
        String s = text == null ? "" : text.trim();
        if (s.matches("\\d{4}-\\d{2}-\\d{2}")) {
            return of(text, s.substring(0, 4), s.substring(5, 7), s.substring(8, 10), "yyyy-MM-dd");
        }
        if (s.matches("\\d{8}")) {
            return parseBasic(s);
        }
        throw new BadInputException("'" + text + "' is not a date in YYYYMMDD or yyyy-MM-dd form");
    }

    static String format(LocalDate date) {
        if (date == null) {
            throw new BadInputException("missing date; cannot write it as YYYYMMDD");
        }
        if (date.getYear() < 0 || date.getYear() > 9999) {
            throw new BadInputException(date + " cannot be written as YYYYMMDD");
        }
        return String.format("%04d%02d%02d", date.getYear(), date.getMonthValue(), date.getDayOfMonth());
    }

    private static LocalDate of(String text, String y, String m, String d, String form) {
        try {
            return LocalDate.of(Integer.parseInt(y), Integer.parseInt(m), Integer.parseInt(d));
        } catch (DateTimeException e) {
            throw new BadInputException("'" + text + "' is not a valid " + form + " date: " + e.getMessage());
        }
    }
}
