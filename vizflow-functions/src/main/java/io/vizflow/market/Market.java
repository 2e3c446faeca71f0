package io.vizflow.market;

import java.io.Serializable;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A market: its trading sessions in local wall-clock time and its time zone. It turns a time of
 * day into {@code elapsed_seconds}, the whole seconds of trading time since the first session
 * opened, clamping times outside every session (CONTRACT section 2).
 */
public final class Market implements Serializable {
    private static final long serialVersionUID = 1L;

    public static final Market CN = new Market("CN", ZoneId.of("Asia/Shanghai"),
            List.of(TradingSession.of("09:30", "11:30"), TradingSession.of("13:00", "15:00")));
    public static final Market KR = new Market("KR", ZoneId.of("Asia/Seoul"),
            List.of(TradingSession.of("09:00", "15:30")));
    public static final Market CRYPTO = new Market("crypto", ZoneId.of("UTC"),
            List.of(TradingSession.of("00:00", "24:00")));
    public static final Market HKEX_NORTHBOUND = new Market("hkex_northbound", ZoneId.of("Asia/Shanghai"),
            List.of(TradingSession.of("09:30", "11:30"), TradingSession.of("13:00", "15:00")));

    private static final Map<String, Market> PRESETS = Map.of(
            "cn", CN, "kr", KR, "crypto", CRYPTO, "hkex_northbound", HKEX_NORTHBOUND);

    private final String name;
    private final ZoneId zone;
    private final List<TradingSession> sessions;
    private final int[] starts;
    private final int[] ends;
    private final long totalSeconds;

    public Market(String name, ZoneId zone, List<TradingSession> sessions) {
        if (sessions.isEmpty()) {
            throw new IllegalArgumentException("market '" + name + "' has no sessions");
        }
        this.name = name;
        this.zone = zone;
        this.sessions = List.copyOf(sessions);
        int n = sessions.size();
        starts = new int[n];
        ends = new int[n];
        long total = 0;
        for (int i = 0; i < n; i++) {
            TradingSession s = sessions.get(i);
            if (i > 0 && s.startSecond() < ends[i - 1]) {
                throw new IllegalArgumentException("market '" + name + "': session " + s
                        + " starts before the previous one ends; sessions must be in order and not overlap");
            }
            starts[i] = s.startSecond();
            ends[i] = s.endSecond();
            total += s.lengthSeconds();
        }
        totalSeconds = total;
    }

    /** A preset by name: CN, KR, crypto, hkex_northbound (case-insensitive). */
    public static Market preset(String name) {
        Market m = PRESETS.get(name.toLowerCase(Locale.ROOT));
        if (m == null) {
            throw new IllegalArgumentException("unknown market '" + name
                    + "'; presets are CN, KR, crypto, hkex_northbound, or define sessions and timezone");
        }
        return m;
    }

    public String name() {
        return name;
    }

    public ZoneId zone() {
        return zone;
    }

    public List<TradingSession> sessions() {
        return sessions;
    }

    /** Trading seconds in the whole day (CN: 14400). */
    public long totalSeconds() {
        return totalSeconds;
    }

    /**
     * Elapsed trading seconds at a local second of the day. Outside every session the value is
     * clamped: before the first open 0, in a break the value at the break's start, after the last
     * close the day's total.
     */
    public long elapsedSeconds(int secondOfDay) {
        // each session's part of the day up to this second, 0 to its length, added up: no branch
        // that a day's first rows never take (the JIT compiled parse_time for the morning session
        // and, at the first afternoon row, threw that away and compiled it again)
        long elapsed = 0;
        for (int i = 0; i < starts.length; i++) {
            elapsed += Math.min(Math.max(secondOfDay - starts[i], 0), ends[i] - starts[i]);
        }
        return elapsed;
    }

    /** True when the second lies outside every session (and so is clamped). */
    public boolean isOutsideSessions(int secondOfDay) {
        return outsideSessions(secondOfDay) == 1;
    }

    /** 1 when the second lies outside every session, else 0: computed without a branch, to be added up. */
    public int outsideSessions(int secondOfDay) {
        int inside = 0;
        for (int i = 0; i < starts.length; i++) {
            // both differences non-negative (start <= second < end): the sign bit of their or is 0
            inside |= ~((secondOfDay - starts[i]) | (ends[i] - 1 - secondOfDay)) >>> 31;
        }
        return inside ^ 1;
    }

    @Override
    public String toString() {
        return name + " " + sessions + " " + zone;
    }
}
