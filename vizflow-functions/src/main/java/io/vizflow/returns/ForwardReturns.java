package io.vizflow.returns;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowQueue;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code forward_return} (CONTRACT section 4) for one symbol's day, as a sort-merge as-of join over
 * its rows in {@code (elapsed_seconds, row_id)} order:
 * {@code return_h = P(t + h) / p - 1}, where {@code P(T)} is the price of the symbol's last input
 * row with {@code elapsed_seconds <= T}. Null when {@code t + h} is past the day's trading seconds,
 * when either price is null, and, with a tolerance, when that row is older than
 * {@code T - tolerance}.
 *
 * <p>A row waits only until a row later than {@code t + max(h)} arrives (or the symbol ends), so
 * memory is bounded by the longest horizon's window of one symbol, never a whole day.
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
    private int inputStrings = -1; // where the input's string columns end (a RowSchema does not go through Kryo)
    private final long minHorizon;
    private final long maxHorizon;

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

    /** The input columns the returns read. */
    public List<String> columnsRead() {
        return List.of("elapsed_seconds", priceColumn);
    }

    /** The column name of a horizon's return. */
    public static String column(long horizon) {
        return "return_" + horizon;
    }

    public RowSchema bind(RowSchema input) {
        elapsed = input.indexOf("elapsed_seconds", ColumnType.LONG);
        price = input.indexOf(priceColumn, ColumnType.DOUBLE);
        firstOut = input.size();
        inputStrings = input.stringWidth();
        RowSchema out = input;
        for (long h : horizons) {
            out = out.with(column(h), ColumnType.DOUBLE);
        }
        return out;
    }

    /**
     * One symbol's day as a stream: rows go in in {@code (elapsed_seconds, row_id)} order and come
     * out, in the same order, with their return columns set, each as soon as a later row (or the
     * end of the day) settles its longest horizon. Holds the rows of the longest horizon's window,
     * never the whole day, as values in a {@link RowQueue}, not as row objects. Rows come out to
     * the consumer given with each call, all in one row object the day reuses: a consumer that
     * keeps a row keeps a copy. The day itself is plain data, so a state backend may serialize it
     * between calls.
     */
    public Day day() {
        if (inputStrings < 0) throw new IllegalStateException("bind the forward returns to their input first");
        return new Day(this);
    }

    /** A symbol's day in progress; see {@link #day}. */
    public static final class Day {
        private final ForwardReturns spec;
        private long[] times = new long[64];
        private double[] prices = new double[64];
        private boolean[] priceNull = new boolean[64];
        private int head;
        private int size;
        /** The rows not handed on yet; the first {@link #taken} of them are in the price columns. */
        private final RowQueue pending;
        private int taken;
        private final VizRow out;
        private final int[] cursors;
        /** The columns of the rows appended to a batch (null: all), and where each return goes in it. */
        private int[] selected;
        private final int[] returnAt;

        private Day(ForwardReturns spec) {
            this.spec = spec;
            this.pending = new RowQueue(spec.firstOut, spec.inputStrings);
            this.out = VizRow.withHeadroom(spec.firstOut + spec.horizons.length);
            this.cursors = new int[spec.horizons.length];
            this.returnAt = new int[spec.horizons.length];
            for (int k = 0; k < returnAt.length; k++) returnAt[k] = spec.firstOut + k;
            Arrays.fill(cursors, -1);
        }

        /**
         * As new, with the room grown so far: for the next symbol's day once this one has
         * {@link #finish finished}.
         */
        public void empty() {
            head = 0;
            size = 0;
            taken = 0;
            pending.clear();
            Arrays.fill(cursors, -1);
        }

        /** The symbol's next row (copied); hands the rows it settles to {@code resolved}. */
        public void add(VizRow row, Consumer<VizRow> resolved) {
            pending.add(row);
            take(resolved);
        }

        /**
         * Where the symbol's next rows can be put without making row objects (as
         * {@link io.vizflow.row.BlockReader#read(io.vizflow.row.RowBlock, RowQueue)} does); call
         * {@link #take} after.
         */
        public RowQueue window() {
            return pending;
        }

        /** Takes in the rows put into {@link #window()} since the last call; hands the rows they settle to {@code resolved}. */
        public void take(Consumer<VizRow> resolved) {
            take(resolved, null, null);
        }

        /**
         * As {@link #take(Consumer)}, the rows settled appended to {@code into} without row
         * objects: their columns {@code columns} (of the input's and the returns'), in that order,
         * or all of them (null); {@code full} is run whenever the batch is at its capacity, to hand
         * it on and empty it.
         */
        public void take(ColumnBatch into, int[] columns, Runnable full) {
            select(columns);
            take(null, into, full);
        }

        private void take(Consumer<VizRow> resolved, ColumnBatch into, Runnable full) {
            int e = spec.elapsed;
            while (taken < pending.size()) {
                long t = pending.getLong(taken, e);
                while (taken > 0 && pending.getLong(0, e) + spec.maxHorizon < t) {
                    resolveFirst(resolved, into, full);
                }
                append(t, pending.isNull(taken, spec.price), pending.getDouble(taken, spec.price));
                taken++;
                dropBefore(pending.getLong(0, e) + spec.minHorizon);
            }
        }

        /** The symbol has no more rows: hands the rest to {@code resolved}. */
        public void finish(Consumer<VizRow> resolved) {
            finish(resolved, null, null);
        }

        /** As {@link #finish(Consumer)}, into a batch as {@link #take(ColumnBatch, int[], Runnable)} does. */
        public void finish(ColumnBatch into, int[] columns, Runnable full) {
            select(columns);
            finish(null, into, full);
        }

        /** The columns a batch is given, and where each return goes in it (-1: nowhere). */
        private void select(int[] columns) {
            if (columns == selected) return;
            selected = columns;
            for (int k = 0; k < returnAt.length; k++) {
                returnAt[k] = columns == null ? spec.firstOut + k : -1;
                for (int c = 0; columns != null && c < columns.length; c++) {
                    if (columns[c] == spec.firstOut + k) returnAt[k] = c;
                }
            }
        }

        private void finish(Consumer<VizRow> resolved, ColumnBatch into, Runnable full) {
            take(resolved, into, full);
            while (taken > 0) {
                resolveFirst(resolved, into, full);
            }
        }

        /** The oldest row, with its returns: to {@code resolved}, or appended to {@code into}. */
        private void resolveFirst(Consumer<VizRow> resolved, ColumnBatch into, Runnable full) {
            ForwardReturns s = spec;
            long t = pending.getLong(0, s.elapsed);
            boolean noPrice = pending.isNull(0, s.price);
            double p = pending.getDouble(0, s.price);
            taken--;
            if (into == null) {
                VizRow row = pending.pollFirst(out);
                for (int k = 0; k < s.horizons.length; k++) {
                    int i = priceAt(k, t, noPrice);
                    if (i < 0) {
                        row.setNull(s.firstOut + k);
                    } else {
                        row.setDouble(s.firstOut + k, prices[i] / p - 1);
                    }
                }
                resolved.accept(row);
                return;
            }
            int r = selected == null ? into.addFirstOf(pending) : into.addFirstOf(pending, selected);
            pending.dropFirst();
            for (int k = 0; k < s.horizons.length; k++) {
                int at = returnAt[k];
                if (at < 0) continue;
                int i = priceAt(k, t, noPrice);
                if (i < 0) {
                    into.setNull(at, r);
                } else {
                    into.longs(at)[r] = Double.doubleToRawLongBits(prices[i] / p - 1);
                }
            }
            if (into.size() == into.capacity()) full.run();
        }

        /**
         * The index of the price horizon {@code k}'s return reads for a row at {@code t} (with no
         * price: {@code noPrice}), or -1 where the return is null: the target past the day's
         * trading seconds, no price at or before it, a null price there, or one older than the
         * tolerance.
         */
        private int priceAt(int k, long t, boolean noPrice) {
            ForwardReturns s = spec;
            long target = t + s.horizons[k];
            int i = noPrice || target > s.dayTotal ? -1 : lastAtOrBefore(k, target);
            if (i < 0 || priceNull[i] || (s.tolerance != null && times[i] < target - s.tolerance)) return -1;
            return i;
        }

        private void append(long t, boolean isNull, double p) {
            if (size == times.length) {
                if (head > times.length / 2) {
                    int n = size - head;
                    System.arraycopy(times, head, times, 0, n);
                    System.arraycopy(prices, head, prices, 0, n);
                    System.arraycopy(priceNull, head, priceNull, 0, n);
                    for (int k = 0; k < cursors.length; k++) cursors[k] = Math.max(-1, cursors[k] - head);
                    head = 0;
                    size = n;
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

        /** Forgets prices no future target can need: all but the last at or before {@code t}. */
        private void dropBefore(long t) {
            while (head + 1 < size && times[head + 1] <= t) head++;
        }

        /**
         * Index of the last price with time at or before {@code target}, or -1: rows resolve in
         * time order, so each horizon's targets only grow and its cursor only moves forward.
         */
        private int lastAtOrBefore(int horizon, long target) {
            int i = Math.max(cursors[horizon], head - 1);
            while (i + 1 < size && times[i + 1] <= target) i++;
            cursors[horizon] = i;
            return i >= head ? i : -1;
        }
    }
}
