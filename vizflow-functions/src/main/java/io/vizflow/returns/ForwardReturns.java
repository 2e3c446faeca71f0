package io.vizflow.returns;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * {@code forward_return} (CONTRACT section 4) for one symbol, as a sort-merge as-of join over its
 * rows in {@code (elapsed_seconds, row_id)} order:
 * {@code return_h = P(t + h) / p - 1}, where {@code P(T)} is the price of the symbol's last input
 * row with {@code elapsed_seconds <= T}. Null when {@code t + h} is past the day's trading seconds,
 * when either price is null, and, with a tolerance, when that row is older than
 * {@code T - tolerance}.
 *
 * <p>A row is held back only until a row later than {@code t + max(h)} arrives (or the symbol
 * ends), so memory is bounded by the longest horizon's window of one symbol, never a whole day.
 */
public final class ForwardReturns implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] horizons;
    private final Long tolerance;
    private final String priceColumn;
    private final long dayTotal;
    private final long minHorizon;
    private final long maxHorizon;

    private int elapsed;
    private int price;
    private int firstOut;

    private transient ValueState<Window> window;

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
        this.minHorizon = Arrays.stream(horizons).min().getAsLong();
        this.maxHorizon = Arrays.stream(horizons).max().getAsLong();
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

    public void open(RuntimeContext context) {
        window = context.getState(new ValueStateDescriptor<>("forward-return-window", TypeInformation.of(Window.class)));
    }

    /** Takes the symbol's next row; hands on, in order, every row whose returns are now known. */
    public void add(VizRow row, Consumer<VizRow> resolved) throws Exception {
        Window w = window.value();
        if (w == null) {
            w = new Window();
        }
        long t = row.getLong(elapsed);
        while (!w.pending.isEmpty() && w.pending.peekFirst().getLong(elapsed) + maxHorizon < t) {
            resolved.accept(resolve(w, w.pending.pollFirst()));
        }
        w.append(t, row.isNull(price), row.getDouble(price));
        w.pending.addLast(row);
        w.dropBefore(w.pending.peekFirst().getLong(elapsed) + minHorizon);
        window.update(w); // a no-op copy-free put in BATCH; required by serializing state backends
    }

    /** The symbol has no more rows: resolves and hands on the rest. */
    public void flush(Consumer<VizRow> resolved) throws Exception {
        Window w = window.value();
        if (w != null) {
            while (!w.pending.isEmpty()) {
                resolved.accept(resolve(w, w.pending.pollFirst()));
            }
        }
        window.clear();
    }

    private VizRow resolve(Window w, VizRow row) {
        long t = row.getLong(elapsed);
        boolean noPrice = row.isNull(price);
        double p = row.getDouble(price);
        for (int k = 0; k < horizons.length; k++) {
            int out = firstOut + k;
            long target = t + horizons[k];
            if (noPrice || target > dayTotal) {
                row.setNull(out);
                continue;
            }
            int i = w.lastAtOrBefore(target);
            if (i < 0 || w.priceNull[i] || (tolerance != null && w.times[i] < target - tolerance)) {
                row.setNull(out);
            } else {
                row.setDouble(out, w.prices[i] / p - 1);
            }
        }
        return row;
    }

    /** The recent prices of one symbol, and its rows waiting for their future prices. */
    public static final class Window implements Serializable {
        private static final long serialVersionUID = 1L;

        long[] times = new long[64];
        double[] prices = new double[64];
        boolean[] priceNull = new boolean[64];
        int head;
        int size;
        final ArrayDeque<VizRow> pending = new ArrayDeque<>();

        void append(long t, boolean isNull, double p) {
            if (size == times.length) {
                if (head > times.length / 2) {
                    compact();
                } else {
                    times = Arrays.copyOf(times, size * 2);
                    prices = Arrays.copyOf(prices, size * 2);
                    priceNull = Arrays.copyOf(priceNull, size * 2);
                }
            }
            times[size] = t;
            prices[size] = p;
            priceNull[size] = isNull;
            size++;
        }

        private void compact() {
            int n = size - head;
            System.arraycopy(times, head, times, 0, n);
            System.arraycopy(prices, head, prices, 0, n);
            System.arraycopy(priceNull, head, priceNull, 0, n);
            head = 0;
            size = n;
        }

        /** Forgets prices no future target can need: all but the last at or before {@code t}. */
        void dropBefore(long t) {
            while (head + 1 < size && times[head + 1] <= t) {
                head++;
            }
        }

        /** Index of the last price with time at or before {@code target}, or -1. */
        int lastAtOrBefore(long target) {
            int lo = head;
            int hi = size - 1;
            int found = -1;
            while (lo <= hi) {
                int mid = (lo + hi) >>> 1;
                if (times[mid] <= target) {
                    found = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            return found;
        }
    }
}
