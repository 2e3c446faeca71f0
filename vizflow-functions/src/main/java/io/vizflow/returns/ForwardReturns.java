package io.vizflow.returns;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;

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
    private ColumnType[] inputTypes; // not a RowSchema, which does not go through Kryo (a Day's state)
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
        inputTypes = new ColumnType[firstOut];
        for (int c = 0; c < firstOut; c++) inputTypes[c] = input.type(c);
        RowSchema out = input;
        for (long h : horizons) {
            out = out.with(column(h), ColumnType.DOUBLE);
        }
        return out;
    }

    /**
     * One symbol's day as a stream: rows go in in {@code (elapsed_seconds, row_id)} order (appended
     * to {@link Day#window()}) and come out, in the same order, with their return columns set, each
     * as soon as a later row (or the end of the day) settles its longest horizon. Holds the rows of
     * the longest horizon's window, never the whole day, column by column. The day itself is plain
     * data, so a state backend may serialize it between calls.
     */
    public Day day() {
        if (inputTypes == null) throw new IllegalStateException("bind the forward returns to their input first");
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
        /**
         * The rows not handed on yet are rows {@code [first, pending.size())}; rows before
         * {@link #taken} are in the price columns too.
         */
        private final ColumnBatch pending;
        private int first;
        private int taken;
        private final int[] cursors;
        /** The columns of the rows appended to a batch (null: all), and where each comes from. */
        private int[] selected;
        /** Per column of the batch: the pending column it is, or -1 - k for horizon {@code k}'s return, or a column to leave. */
        private int[] sources;

        private Day(ForwardReturns spec) {
            this.spec = spec;
            this.pending = new ColumnBatch(spec.inputTypes, 64);
            this.cursors = new int[spec.horizons.length];
            Arrays.fill(cursors, -1);
        }

        /**
         * As new, with the room grown so far: for the next symbol's day once this one has
         * {@link #finish finished}.
         */
        public void empty() {
            head = 0;
            size = 0;
            first = 0;
            taken = 0;
            pending.reset(0);
            Arrays.fill(cursors, -1);
        }

        /**
         * Where the symbol's next rows are appended (the input's columns, as
         * {@link io.vizflow.row.BlockReader#read(io.vizflow.row.RowBlock, ColumnBatch)} does);
         * call {@link #take} after.
         */
        public ColumnBatch window() {
            if (first > 0 && first >= pending.size() / 2) {
                pending.dropFirst(first); // the rows handed on, let go of (at most as many as are left)
                taken -= first;
                first = 0;
            }
            return pending;
        }

        /**
         * Takes in the rows put into {@link #window()} since the last call; appends the rows they
         * settle to {@code into}: their columns {@code columns} (of the input's and the returns'),
         * in that order, or all of them (null), as its first columns; {@code full} is run whenever
         * the batch is at its capacity, to hand it on and empty it.
         */
        public void take(ColumnBatch into, int[] columns, Runnable full) {
            select(columns);
            long[] t = pending.longs(spec.elapsed);
            while (taken < pending.size()) {
                long now = t[taken];
                int settled = first;
                while (settled < taken && t[settled] + spec.maxHorizon < now) settled++;
                if (settled > first) {
                    handOn(settled, into, full);
                }
                append(now, pending.isNull(spec.price, taken), Double.longBitsToDouble(pending.longs(spec.price)[taken]));
                taken++;
                dropBefore(t[first] + spec.minHorizon);
            }
        }

        /** The symbol has no more rows: hands the rest on as {@link #take} does. */
        public void finish(ColumnBatch into, int[] columns, Runnable full) {
            take(into, columns, full);
            if (taken > first) {
                handOn(taken, into, full);
            }
        }

        /** Where each column of a batch comes from: a pending column, a return (-1 - k), or nowhere (MIN_VALUE). */
        private void select(int[] columns) {
            if (sources != null && columns == selected) return;
            selected = columns;
            int n = spec.firstOut + spec.horizons.length;
            int width = columns == null ? n : columns.length;
            sources = new int[width];
            for (int c = 0; c < width; c++) {
                int f = columns == null ? c : columns[c];
                sources[c] = f < spec.firstOut ? f : f < n ? -1 - (f - spec.firstOut) : Integer.MIN_VALUE;
            }
        }

        /**
         * Hands on rows {@code [first, to)}, whose returns every row since has settled: their
         * columns copied into {@code into} a column at a time, their returns set there.
         */
        private void handOn(int to, ColumnBatch into, Runnable full) {
            ForwardReturns s = spec;
            long[] t = pending.longs(s.elapsed);
            long[] p = pending.longs(s.price);
            while (first < to) {
                if (into.size() == into.capacity()) full.run();
                int n = Math.min(to - first, into.capacity() - into.size());
                int at = into.addRows(n);
                for (int c = 0; c < sources.length; c++) {
                    int f = sources[c];
                    if (f >= 0) into.copy(c, at, pending, f, first, n);
                }
                for (int c = 0; c < sources.length; c++) {
                    int f = sources[c];
                    if (f >= 0 || f == Integer.MIN_VALUE) continue;
                    int k = -1 - f;
                    long[] out = into.longs(c);
                    for (int i = 0; i < n; i++) {
                        int r = first + i;
                        int j = priceAt(k, t[r], pending.isNull(s.price, r));
                        if (j < 0) {
                            into.setNull(c, at + i);
                        } else {
                            out[at + i] = Double.doubleToRawLongBits(prices[j] / Double.longBitsToDouble(p[r]) - 1);
                        }
                    }
                }
                first += n;
                if (into.size() == into.capacity()) full.run();
            }
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
