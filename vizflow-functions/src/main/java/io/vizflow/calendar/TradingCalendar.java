package io.vizflow.calendar;

import io.vizflow.BadInputException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The trading days of a market: an immutable, increasing list of dates.
 *
 * <p>Besides its list, a calendar knows the span in which that list is complete (the generated
 * range for {@link #weekdays}, the listed days for a CSV) and, from a CSV, possibly the trading day
 * just before its first day and just after its last one. {@link #prev} and {@link #next} answer
 * whenever that knowledge decides the answer, and refuse otherwise rather than guess.
 */
public final class TradingCalendar implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String source;
    private final List<LocalDate> days;
    /** Trading day before {@code days.get(0)}, or null if unknown. */
    private final LocalDate before;
    /** Trading day after the last listed day, or null if unknown. */
    private final LocalDate after;
    /** Every trading day in [coveredFrom, coveredTo] is in {@code days}. */
    private final LocalDate coveredFrom;
    private final LocalDate coveredTo;

    TradingCalendar(String source, List<LocalDate> days, LocalDate before, LocalDate after,
                    LocalDate coveredFrom, LocalDate coveredTo) {
        this.source = source;
        this.days = List.copyOf(days);
        this.before = before;
        this.after = after;
        this.coveredFrom = coveredFrom;
        this.coveredTo = coveredTo;
    }

    /**
     * Reads a calendar CSV with a header: a single {@code date} column, or
     * {@code date,prev_trading_day,next_trading_day}. Dates are YYYYMMDD or yyyy-MM-dd, strictly
     * increasing.
     */
    public static TradingCalendar load(Path csv) {
        return CalendarCsv.read(csv);
    }

    /** Every Monday to Friday in [from, to] that is not one of the holidays. */
    public static TradingCalendar weekdays(LocalDate from, LocalDate to, Collection<LocalDate> holidays) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        Objects.requireNonNull(holidays, "holidays");
        if (from.isAfter(to)) {
            throw new BadInputException("calendar start " + format(from) + " is after its end " + format(to));
        }
        Set<LocalDate> off = new HashSet<>(holidays);
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            if (d.getDayOfWeek() != DayOfWeek.SATURDAY && d.getDayOfWeek() != DayOfWeek.SUNDAY && !off.contains(d)) {
                days.add(d);
            }
        }
        String source = "weekdays " + format(from) + ".." + format(to);
        if (days.isEmpty()) {
            throw new BadInputException("calendar " + source + " has no trading days once weekends and holidays are removed");
        }
        return new TradingCalendar(source, days, null, null, from, to);
    }

    /** Reads a holiday list: one date per line (YYYYMMDD or yyyy-MM-dd), {@code #} starts a comment. */
    public static List<LocalDate> readHolidays(Path file) {
        return HolidayFile.read(file);
    }

    /** Writes {@code date,prev_trading_day,next_trading_day} in YYYYMMDD, edges empty when unknown. */
    public void write(Path csv) {
        CalendarCsv.write(this, csv);
    }

    /** Strict {@code YYYYMMDD}: {@code 20240230} is refused. */
    public static LocalDate parseDate(String yyyymmdd) {
        return DateText.parseBasic(yyyymmdd);
    }

    /** The date as {@code YYYYMMDD}. */
    public static String format(LocalDate date) {
        return DateText.format(date);
    }

    /** The trading days in [from, to]; from and to need not be trading days but must lie in the calendar's span. */
    public List<LocalDate> range(LocalDate from, LocalDate to) {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isAfter(to)) {
            throw new BadInputException("range start " + format(from) + " is after its end " + format(to));
        }
        if (from.isBefore(coveredFrom) || to.isAfter(coveredTo)) {
            throw new BadInputException("range " + format(from) + ".." + format(to) + " reaches outside calendar "
                    + source + ", which covers " + format(coveredFrom) + ".." + format(coveredTo));
        }
        return days.subList(ceilingIndex(from), ceilingIndex(to.plusDays(1)));
    }

    /** The trading day strictly before d; d need not be a trading day. */
    public LocalDate prev(LocalDate d) {
        LocalDate p = prevOrNull(Objects.requireNonNull(d, "date"));
        if (p == null) {
            throw new BadInputException("the trading day before " + format(d) + " is not known to calendar "
                    + source + ", which covers " + span());
        }
        return p;
    }

    /** The trading day strictly after d; d need not be a trading day. */
    public LocalDate next(LocalDate d) {
        LocalDate n = nextOrNull(Objects.requireNonNull(d, "date"));
        if (n == null) {
            throw new BadInputException("the trading day after " + format(d) + " is not known to calendar "
                    + source + ", which covers " + span());
        }
        return n;
    }

    /** Whether d is one of the listed trading days. */
    public boolean contains(LocalDate d) {
        return d != null && Collections.binarySearch(days, d) >= 0;
    }

    /** Refuses a date that is not a listed trading day, naming the nearest ones. */
    public void require(LocalDate d) {
        Objects.requireNonNull(d, "date");
        if (contains(d)) {
            return;
        }
        String prefix = format(d) + " is not a trading day in calendar " + source;
        if (d.isBefore(first()) || d.isAfter(last())) {
            throw new BadInputException(prefix + "; it is outside the listed trading days "
                    + format(first()) + ".." + format(last()));
        }
        throw new BadInputException(prefix + "; nearest trading days: " + format(prev(d)) + ", " + format(next(d)));
    }

    public LocalDate first() {
        return days.get(0);
    }

    public LocalDate last() {
        return days.get(days.size() - 1);
    }

    public int size() {
        return days.size();
    }

    /** The listed trading days, increasing, unmodifiable. */
    public List<LocalDate> dates() {
        return days;
    }

    /** Where the calendar came from: its file, or how it was generated. */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return "TradingCalendar[" + source + ", " + size() + " days " + format(first()) + ".." + format(last()) + "]";
    }

    LocalDate before() {
        return before;
    }

    LocalDate after() {
        return after;
    }

    /** The nearest known trading day before d, if every day between the two is known not to trade. */
    private LocalDate prevOrNull(LocalDate d) {
        LocalDate t;
        int i = ceilingIndex(d) - 1;
        if (after != null && after.isBefore(d)) {
            t = after;
        } else if (i >= 0) {
            t = days.get(i);
        } else {
            t = before != null && before.isBefore(d) ? before : null;
        }
        boolean gapKnown = t != null && (t.plusDays(1).equals(d) || !d.minusDays(1).isAfter(coveredTo));
        return gapKnown ? t : null;
    }

    /** The nearest known trading day after d, if every day between the two is known not to trade. */
    private LocalDate nextOrNull(LocalDate d) {
        LocalDate t;
        int i = ceilingIndex(d.plusDays(1));
        if (before != null && before.isAfter(d)) {
            t = before;
        } else if (i < days.size()) {
            t = days.get(i);
        } else {
            t = after != null && after.isAfter(d) ? after : null;
        }
        boolean gapKnown = t != null && (t.minusDays(1).equals(d) || !d.plusDays(1).isBefore(coveredFrom));
        return gapKnown ? t : null;
    }

    /** Index of the first listed day on or after d (size() if none). */
    private int ceilingIndex(LocalDate d) {
        int i = Collections.binarySearch(days, d);
        return i >= 0 ? i : -i - 1;
    }

    private String span() {
        String from = before != null ? format(before) : format(coveredFrom);
        String to = after != null ? format(after) : format(coveredTo);
        return from + ".." + to;
    }
}
