package io.vizflow.market;

import java.io.Serializable;
import java.time.LocalTime;

/** One continuous trading session {@code [start, end)} in local wall-clock seconds of the day. */
public record TradingSession(int startSecond, int endSecond) implements Serializable {

    public TradingSession {
        if (startSecond < 0 || endSecond > 86_400 || startSecond >= endSecond) {
            throw new IllegalArgumentException(
                    "a session must satisfy 00:00 <= start < end <= 24:00, got "
                            + clock(startSecond) + "-" + clock(endSecond));
        }
    }

    /** Parses {@code "09:30"}, {@code "09:30:00"} or {@code "24:00"}. */
    public static TradingSession of(String start, String end) {
        return new TradingSession(parseClock(start), parseClock(end));
    }

    public int lengthSeconds() {
        return endSecond - startSecond;
    }

    static int parseClock(String text) {
        String t = text.trim();
        if (t.equals("24:00") || t.equals("24:00:00")) {
            return 86_400;
        }
        try {
            return LocalTime.parse(t.length() == 5 ? t + ":00" : t).toSecondOfDay();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("'" + text + "' is not a time of day HH:MM[:SS]");
        }
    }

    static String clock(int second) {
        return String.format("%02d:%02d", second / 3600, (second / 60) % 60)
                + (second % 60 == 0 ? "" : String.format(":%02d", second % 60));
    }

    @Override
    public String toString() {
        return clock(startSecond) + "-" + clock(endSecond);
    }
}
