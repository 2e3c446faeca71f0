package io.vizflow.returns;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;


import java.io.Serializable;

/**
 * {@code forward_return} (CONTRACT section 4) for one symbol's day, as a sort-merge as-of join over
 * its rows in {@code (elapsed_seconds, row_id)} order:
 * {@code return_h = P(t + h) / p - 1}, where {@code P(T)} is the price of the symbol's last input
 * row with {@code elapsed_seconds <= T}. Null when {@code t + h} is past the day's trading seconds,
 * when either price is null, and, with a tolerance, when that row is older than
 * {@code T - tolerance}.
 *
 * <p>One linear pass per horizon: the targets {@code t + h} only grow along the day, so the row
 * giving {@code P} only moves forward.
 */
public final class ForwardReturns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] horizons;
    private final Long tolerance;
    private final String priceColumn;
    private final long dayTotal;

    private int elapsed;
    private int price;
    private int firstOut;

    /**
     * @param horizons seconds ahead, each adding a column {@code return_<h>}
     * @param tolerance seconds, or null for none
     * @param priceColumn the price both ends of the return are read from
     * @param dayTotal the day's trading seconds: a target past it has no return
     */
    public ForwardReturns(long[] horizons, Long tolerance, String priceColumn, long dayTotal) {
        if (horizons.length == 0) {
            throw new IllegalArgumentException("forward returns need at least one horizon");
        }
        for (long h : horizons) {
            if (h < 0) throw new IllegalArgumentException("horizon " + h + " is negative");
        }
        if (tolerance != null && tolerance < 0) {
            throw new IllegalArgumentException("tolerance " + tolerance + " is negative");
        }
        this.horizons = horizons.clone();
        this.tolerance = tolerance;
        this.priceColumn = priceColumn;
        this.dayTotal = dayTotal;
    }

    /** The column name of a horizon's return. */
    public static String column(long horizon) {
        return "return_" + horizon;
    }

    public RowSchema bind(RowSchema input) {
        elapsed = input.indexOf("elapsed_seconds", ColumnType.LONG);
        price = input.indexOf(priceColumn, ColumnType.DOUBLE);
        firstOut = input.size();
        RowSchema out = input;
        for (long h : horizons) {
            out = out.with(column(h), ColumnType.DOUBLE);
        }
        return out;
    }

    /** Sets the return columns of every row of the day, given in {@code (elapsed_seconds, row_id)} order. */
    public void apply(VizRow[] day) {
        int n = day.length;
        long[] times = new long[n];
        double[] prices = new double[n];
        boolean[] noPrice = new boolean[n];
        for (int i = 0; i < n; i++) {
            times[i] = day[i].getLong(elapsed);
            noPrice[i] = day[i].isNull(price);
            prices[i] = day[i].getDouble(price);
        }
        for (int k = 0; k < horizons.length; k++) {
            long h = horizons[k];
            int out = firstOut + k;
            int at = -1; // the last row at or before the target
            for (int i = 0; i < n; i++) {
                long target = times[i] + h;
                while (at + 1 < n && times[at + 1] <= target) at++;
                if (noPrice[i] || target > dayTotal || at < 0 || noPrice[at]
                        || (tolerance != null && times[at] < target - tolerance)) {
                    day[i].setNull(out);
                } else {
                    day[i].setDouble(out, prices[at] / prices[i] - 1);
                }
            }
        }
    }
}
