package io.vizflow.market;

import java.util.Locale;

/** How the timestamp column encodes time. */
public enum TimeFormat {
    /** int64 exchange time HHMMSSmmm: 93000123 = 09:30:00.123 (the CN convention). */
    HHMMSSMMM(0),
    /** Epoch seconds, milliseconds, microseconds or nanoseconds (int64 or an Arrow timestamp). */
    EPOCH_S(1),
    EPOCH_MS(1_000),
    EPOCH_US(1_000_000),
    EPOCH_NS(1_000_000_000);

    private final long perSecond;

    TimeFormat(long perSecond) {
        this.perSecond = perSecond;
    }

    /** Units per second for epoch formats. */
    public long perSecond() {
        return perSecond;
    }

    public boolean isEpoch() {
        return this != HHMMSSMMM;
    }

    /** From a config value: hhmmssmmm, s, ms, us, ns. */
    public static TimeFormat parse(String text) {
        switch (text.toLowerCase(Locale.ROOT)) {
            case "hhmmssmmm": return HHMMSSMMM;
            case "s": return EPOCH_S;
            case "ms": return EPOCH_MS;
            case "us": return EPOCH_US;
            case "ns": return EPOCH_NS;
            default:
                throw new IllegalArgumentException(
                        "'" + text + "' is not a timestamp unit; use hhmmssmmm, s, ms, us or ns");
        }
    }
}
