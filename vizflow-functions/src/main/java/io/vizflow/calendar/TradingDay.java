package io.vizflow.calendar;

import java.io.Serializable;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A job's trading date with its previous and next trading days (for overnight returns). The job
 * puts it into Flink's global job parameters; a user function reads it back with
 * {@code TradingDay.fromJobParameters(getRuntimeContext().getGlobalJobParameters())}.
 *
 * @param prev the previous trading day, or null when no calendar tells it
 * @param next the next trading day, or null when no calendar tells it
 */
public record TradingDay(LocalDate date, LocalDate prev, LocalDate next) implements Serializable {
    static final String DATE = "vizflow.date";
    static final String PREV = "vizflow.prev-trading-day";
    static final String NEXT = "vizflow.next-trading-day";

    /** The date in a calendar: refused if it is not a trading day; prev/next null at the calendar's edges. */
    public static TradingDay in(TradingCalendar calendar, LocalDate date) {
        calendar.require(date);
        return new TradingDay(date, edge(() -> calendar.prev(date)), edge(() -> calendar.next(date)));
    }

    /** A date without a calendar: prev and next unknown. */
    public static TradingDay alone(LocalDate date) {
        return new TradingDay(date, null, null);
    }

    private static LocalDate edge(java.util.function.Supplier<LocalDate> s) {
        try {
            return s.get();
        } catch (RuntimeException outsideTheCalendar) {
            return null;
        }
    }

    public Map<String, String> toJobParameters() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put(DATE, TradingCalendar.format(date));
        if (prev != null) m.put(PREV, TradingCalendar.format(prev));
        if (next != null) m.put(NEXT, TradingCalendar.format(next));
        return m;
    }

    public static TradingDay fromJobParameters(Map<String, String> parameters) {
        String d = parameters.get(DATE);
        if (d == null) {
            throw new IllegalStateException("no " + DATE + " in the job parameters: not a VizFlow per-date job");
        }
        String p = parameters.get(PREV);
        String n = parameters.get(NEXT);
        return new TradingDay(TradingCalendar.parseDate(d), p == null ? null : TradingCalendar.parseDate(p),
                n == null ? null : TradingCalendar.parseDate(n));
    }
}
