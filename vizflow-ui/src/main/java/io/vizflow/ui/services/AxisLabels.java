package io.vizflow.ui.services;

import io.vizflow.market.Market;
import io.vizflow.market.TradingSession;
import io.vizflow.query.Dimension;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.LocalDate;
import java.util.List;

/**
 * The labels a person reads for dimension values: a bin's real value (bin x width), the time of
 * day of {@code elapsed_seconds} (through the market's sessions), dates and texts as they are.
 */
public final class AxisLabels {
    /** The column of trading seconds since the open (CONTRACT section 2). */
    public static final String ELAPSED_SECONDS = "elapsed_seconds";

    private final Market market;

    public AxisLabels(Market market) {
        this.market = market;
    }

    /** True when the dimension's values are trading seconds (shown as times of day). */
    public static boolean isTimeOfDay(Dimension d) {
        return ELAPSED_SECONDS.equals(d.isBin() ? d.binOf() : d.name());
    }

    /** What the labels of a dimension are. */
    public String title(Dimension d) {
        if (isTimeOfDay(d)) {
            return "time of day" + (d.isBin() ? " (" + ELAPSED_SECONDS + " bins of " + number(d.binWidth()) + " s)" : "");
        }
        if (d.isBin()) return d.binOf() + " (bins of " + number(d.binWidth()) + ")";
        return d.name();
    }

    /** The label of one value of a dimension. */
    public String label(Dimension d, Object value) {
        if (value == null) return "(null)";
        if (d.isBin() && value instanceof Long bin) {
            double real = d.realValue(bin);
            return isTimeOfDay(d) ? clock(real) : number(real);
        }
        if (isTimeOfDay(d) && value instanceof Number n) return clock(n.doubleValue());
        if (value instanceof LocalDate date) return date.toString();
        return String.valueOf(value);
    }

    /** The local time of day at {@code elapsed} trading seconds since the first open. */
    public String clock(double elapsed) {
        long e = Math.round(elapsed);
        List<TradingSession> sessions = market.sessions();
        long before = 0;
        int second = sessions.get(sessions.size() - 1).endSecond();
        if (e <= 0) {
            second = sessions.get(0).startSecond();
        } else {
            for (TradingSession s : sessions) {
                if (e < before + s.lengthSeconds()) {
                    second = (int) (s.startSecond() + (e - before));
                    break;
                }
                before += s.lengthSeconds();
            }
        }
        int h = second / 3600, m = (second / 60) % 60, sec = second % 60;
        return sec == 0 ? String.format("%02d:%02d", h, m) : String.format("%02d:%02d:%02d", h, m, sec);
    }

    /** A real number with at most 10 significant digits and no exponent (3 x 1e-4 is 0.0003). */
    public static String number(double v) {
        if (v == 0) return "0";
        if (!Double.isFinite(v)) return Double.toString(v);
        return new BigDecimal(v).round(new MathContext(10)).stripTrailingZeros().toPlainString();
    }
}
