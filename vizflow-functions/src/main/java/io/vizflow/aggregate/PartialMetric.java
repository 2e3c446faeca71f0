package io.vizflow.aggregate;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import java.io.Serializable;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A metric that can be computed in two steps, exactly: a partial value per group over some rows
 * ({@link #add}), then the metric over the partials with another Flink SQL aggregate
 * ({@link #merged}). Recognised: {@code COUNT(*)}, {@code COUNT(col)}, {@code SUM(col)},
 * {@code MIN(col)} and {@code MAX(col)} of int64, {@code SUM(col * col)} and
 * {@code SUM(CASE WHEN flag THEN n ELSE m END)} over int64, real and boolean columns, with Flink
 * SQL's null rules (a null operand gives a null product; a null flag takes the ELSE branch;
 * aggregates skip nulls). Any other metric is left to Flink SQL row by row.
 */
final class PartialMetric implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final String ID = "([A-Za-z_][A-Za-z0-9_]*)";
    private static final Pattern COUNT_STAR = Pattern.compile("COUNT\\(\\s*\\*\\s*\\)", Pattern.CASE_INSENSITIVE);
    private static final Pattern ONE_COLUMN = Pattern.compile("(COUNT|SUM|MIN|MAX)\\(\\s*" + ID + "\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern PRODUCT = Pattern.compile("SUM\\(\\s*" + ID + "\\s*\\*\\s*" + ID + "\\s*\\)",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern FLAG_SUM = Pattern.compile("SUM\\(\\s*CASE\\s+WHEN\\s+" + ID
            + "\\s+THEN\\s+(-?\\d{1,9})\\s+ELSE\\s+(-?\\d{1,9})\\s+END\\s*\\)", Pattern.CASE_INSENSITIVE);

    enum Op { COUNT, SUM, MIN, MAX }

    private enum Arg { STAR, COLUMN, PRODUCT, FLAG }

    final Op op;
    private final Arg arg;
    private final int a;
    private final int b;
    private final long then;
    private final long otherwise;
    /** The partial's type: int64 or real. */
    final ColumnType type;
    private final boolean realA;
    private final boolean realB;

    private PartialMetric(Op op, Arg arg, int a, int b, long then, long otherwise, ColumnType type,
                          boolean realA, boolean realB) {
        this.op = op;
        this.arg = arg;
        this.a = a;
        this.b = b;
        this.then = then;
        this.otherwise = otherwise;
        this.type = type;
        this.realA = realA;
        this.realB = realB;
    }

    /** The metric in two steps, or null when it is not one of the recognised forms. */
    static PartialMetric of(String metric, RowSchema schema) {
        String m = metric.trim();
        if (COUNT_STAR.matcher(m).matches()) {
            return new PartialMetric(Op.COUNT, Arg.STAR, -1, -1, 0, 0, ColumnType.LONG, false, false);
        }
        Matcher one = ONE_COLUMN.matcher(m);
        if (one.matches() && schema.contains(one.group(2))) {
            Op op = Op.valueOf(one.group(1).toUpperCase(Locale.ROOT));
            int c = schema.indexOf(one.group(2));
            ColumnType t = schema.type(c);
            if (op == Op.COUNT) {
                return new PartialMetric(op, Arg.COLUMN, c, -1, 0, 0, ColumnType.LONG, false, false);
            }
            boolean extreme = op == Op.MIN || op == Op.MAX;
            if (t != ColumnType.LONG && (t != ColumnType.DOUBLE || extreme)) return null; // NaN order: Flink's own
            return new PartialMetric(op, Arg.COLUMN, c, -1, 0, 0, t, t == ColumnType.DOUBLE, false);
        }
        Matcher product = PRODUCT.matcher(m);
        if (product.matches() && schema.contains(product.group(1)) && schema.contains(product.group(2))) {
            int x = schema.indexOf(product.group(1));
            int y = schema.indexOf(product.group(2));
            ColumnType tx = schema.type(x);
            ColumnType ty = schema.type(y);
            if (!numeric(tx) || !numeric(ty)) return null;
            boolean real = tx == ColumnType.DOUBLE || ty == ColumnType.DOUBLE;
            return new PartialMetric(Op.SUM, Arg.PRODUCT, x, y, 0, 0, real ? ColumnType.DOUBLE : ColumnType.LONG,
                    tx == ColumnType.DOUBLE, ty == ColumnType.DOUBLE);
        }
        Matcher flag = FLAG_SUM.matcher(m);
        if (flag.matches() && schema.contains(flag.group(1)) && schema.type(flag.group(1)) == ColumnType.BOOLEAN) {
            return new PartialMetric(Op.SUM, Arg.FLAG, schema.indexOf(flag.group(1)), -1,
                    Long.parseLong(flag.group(2)), Long.parseLong(flag.group(3)), ColumnType.LONG, false, false);
        }
        return null;
    }

    private static boolean numeric(ColumnType t) {
        return t == ColumnType.LONG || t == ColumnType.DOUBLE;
    }

    /**
     * Merges the partial in column {@code c} of {@code from} into the same column of {@code into}:
     * the metric of both partials' rows (a null partial had no non-null value).
     */
    void merge(VizRow into, VizRow from, int c) {
        if (from.isNull(c)) return;
        if (into.isNull(c)) {
            into.setLong(c, from.getLong(c)); // raw bits: a real's too
            return;
        }
        if (type == ColumnType.DOUBLE) { // only summed ({@link #of})
            into.setDouble(c, into.getDouble(c) + from.getDouble(c));
            return;
        }
        into.setLong(c, combine(into.getLong(c), from.getLong(c)));
    }

    /** Two integer partials as one: their count, sum, min or max. */
    private long combine(long a, long b) {
        switch (op) {
            case MIN: return Math.min(a, b);
            case MAX: return Math.max(a, b);
            default: return a + b;
        }
    }

    /** Whether the metric of no non-null value is 0 (a count, a sum: {@code COALESCE(SUM(x), 0)}), else null. */
    boolean zeroOfNone() {
        return op == Op.COUNT || op == Op.SUM;
    }

    /**
     * Starts the partial at {@code longs[i]} / {@code doubles[i]} with the identity of its
     * operation, so that adding a value never has to ask whether one went in before: 0 for a count
     * or an integer sum, -0.0 for a real sum ({@code -0.0 + v} is {@code v} for every {@code v},
     * -0.0 and NaN included), the largest or smallest integer for a min or a max; no value seen.
     */
    void start(int i, long[] longs, double[] doubles, boolean[] seen) {
        longs[i] = op == Op.MIN ? Long.MAX_VALUE : op == Op.MAX ? Long.MIN_VALUE : 0L;
        doubles[i] = -0.0;
        seen[i] = false;
    }

    /**
     * Adds a row to the partial at {@code longs[i]} / {@code doubles[i]}, started by {@link #start};
     * {@code seen[i]} tells whether any non-null value went in (a SUM, MIN or MAX of none is null).
     */
    void add(VizRow row, int i, long[] longs, double[] doubles, boolean[] seen) {
        switch (arg) {
            case STAR:
                longs[i]++;
                seen[i] = true;
                return;
            case COLUMN:
                if (row.isNull(a)) return;
                seen[i] = true;
                if (op == Op.COUNT) {
                    longs[i]++;
                } else if (realA) {
                    doubles[i] += row.getDouble(a);
                } else {
                    longs[i] = combine(longs[i], row.getLong(a));
                }
                return;
            case PRODUCT:
                if (row.isNull(a) || row.isNull(b)) return;
                seen[i] = true;
                if (type == ColumnType.DOUBLE) {
                    double x = realA ? row.getDouble(a) : (double) row.getLong(a);
                    double y = realB ? row.getDouble(b) : (double) row.getLong(b);
                    doubles[i] += x * y;
                } else {
                    longs[i] += row.getLong(a) * row.getLong(b);
                }
                return;
            default: // FLAG
                longs[i] += !row.isNull(a) && row.getBoolean(a) ? then : otherwise;
                seen[i] = true;
        }
    }

    /**
     * Adds every row of a batch to its partial, row {@code r}'s at {@code at[r] + k}, in row order:
     * as {@link #add} row by row, with the choice of form made once per batch and each form a loop
     * of its own.
     */
    void addAll(ColumnBatch batch, int[] at, int k, long[] longs, double[] doubles, boolean[] seen) {
        int n = batch.size();
        switch (arg) {
            case STAR:
                for (int r = 0; r < n; r++) {
                    int i = at[r] + k;
                    longs[i]++;
                    seen[i] = true;
                }
                return;
            case COLUMN:
                if (op == Op.COUNT) {
                    boolean nulls = batch.hasNulls(a);
                    for (int r = 0; r < n; r++) {
                        if (nulls && batch.isNull(a, r)) continue;
                        int i = at[r] + k;
                        longs[i]++;
                        seen[i] = true;
                    }
                } else if (realA) {
                    sumReals(batch, at, k, doubles, seen);
                } else if (op == Op.SUM) {
                    sumLongs(batch, at, k, longs, seen);
                } else {
                    extremes(batch, at, k, longs, seen);
                }
                return;
            case PRODUCT:
                products(batch, at, k, longs, doubles, seen);
                return;
            default: { // FLAG
                long[] flags = batch.longs(a);
                for (int r = 0; r < n; r++) {
                    int i = at[r] + k;
                    longs[i] += !batch.isNull(a, r) && flags[r] != 0 ? then : otherwise;
                    seen[i] = true;
                }
            }
        }
    }

    private void sumReals(ColumnBatch batch, int[] at, int k, double[] doubles, boolean[] seen) {
        long[] x = batch.longs(a);
        boolean nulls = batch.hasNulls(a);
        for (int r = 0, n = batch.size(); r < n; r++) {
            if (nulls && batch.isNull(a, r)) continue;
            int i = at[r] + k;
            doubles[i] += Double.longBitsToDouble(x[r]);
            seen[i] = true;
        }
    }

    private void sumLongs(ColumnBatch batch, int[] at, int k, long[] longs, boolean[] seen) {
        long[] x = batch.longs(a);
        boolean nulls = batch.hasNulls(a);
        for (int r = 0, n = batch.size(); r < n; r++) {
            if (nulls && batch.isNull(a, r)) continue;
            int i = at[r] + k;
            longs[i] += x[r];
            seen[i] = true;
        }
    }

    private void extremes(ColumnBatch batch, int[] at, int k, long[] longs, boolean[] seen) {
        long[] x = batch.longs(a);
        boolean nulls = batch.hasNulls(a);
        boolean min = op == Op.MIN;
        for (int r = 0, n = batch.size(); r < n; r++) {
            if (nulls && batch.isNull(a, r)) continue;
            int i = at[r] + k;
            longs[i] = min ? Math.min(longs[i], x[r]) : Math.max(longs[i], x[r]);
            seen[i] = true;
        }
    }

    private void products(ColumnBatch batch, int[] at, int k, long[] longs, double[] doubles, boolean[] seen) {
        boolean nulls = batch.hasNulls(a) || batch.hasNulls(b);
        long[] x = batch.longs(a);
        long[] y = batch.longs(b);
        boolean real = type == ColumnType.DOUBLE;
        for (int r = 0, n = batch.size(); r < n; r++) {
            if (nulls && (batch.isNull(a, r) || batch.isNull(b, r))) continue;
            int i = at[r] + k;
            if (real) {
                double xr = realA ? Double.longBitsToDouble(x[r]) : (double) x[r];
                double yr = realB ? Double.longBitsToDouble(y[r]) : (double) y[r];
                doubles[i] += xr * yr;
            } else {
                longs[i] += x[r] * y[r];
            }
            seen[i] = true;
        }
    }
}
