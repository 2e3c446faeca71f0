package io.vizflow.aggregate;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The partial values ({@link PartialMetric}) of each group seen so far, found by the group-by
 * values of a row or of a batch's row: {@link PreAggregate}'s table. Holds at most a given number
 * of groups; past that it hands its partials on as rows and starts again (still exact: partials merge).
 */
final class PartialGroups implements Serializable {
    private static final long serialVersionUID = 1L;

    private final int[] keys;
    private final boolean[] stringKey;
    private final PartialMetric[] metrics;
    private final int maxGroups;
    private transient Map<Key, Partial> groups;
    private transient Key probe;

    PartialGroups(RowSchema input, List<String> groupBy, List<PartialMetric> metrics, int maxGroups) {
        if (groupBy.size() > 64) throw new IllegalArgumentException("group_by: at most 64 columns");
        keys = new int[groupBy.size()];
        stringKey = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = input.indexOf(groupBy.get(i));
            stringKey[i] = input.type(keys[i]) == ColumnType.STRING;
        }
        this.metrics = metrics.toArray(new PartialMetric[0]);
        this.maxGroups = maxGroups;
        open();
    }

    /** An empty table (an operator's copy, after Flink deserialized it). */
    void open() {
        groups = new HashMap<>();
        probe = new Key(keys.length);
    }

    int size() {
        return groups.size();
    }

    /** Adds a row to its group's partials; a full table is handed to {@code out} first. */
    void add(VizRow row, Consumer<VizRow> out) {
        probe.set(row, keys, stringKey);
        Partial p = partial(out);
        for (int k = 0; k < metrics.length; k++) {
            metrics[k].add(row, k, p.longs, p.doubles, p.seen);
        }
    }

    /**
     * Adds a batch's rows to their groups' partials, metric by metric in row order (so sums add
     * in the same order as row by row); a table that the batch could fill is handed to
     * {@code out} first (a batch of more groups than the table holds is taken whole).
     */
    void add(ColumnBatch batch, Partial[] scratch, Consumer<VizRow> out) {
        int n = batch.size();
        if (groups.size() + n > maxGroups) flush(out);
        for (int r = 0; r < n; r++) {
            probe.set(batch, r, keys, stringKey);
            scratch[r] = partial(null);
        }
        for (int k = 0; k < metrics.length; k++) {
            metrics[k].addAll(batch, scratch, k);
        }
    }

    /** The probe's partial, made if new; a full table is handed to {@code out} first (if not null). */
    private Partial partial(Consumer<VizRow> out) {
        Partial p = groups.get(probe);
        if (p == null) {
            if (out != null && groups.size() >= maxGroups) flush(out);
            p = new Partial(metrics.length);
            groups.put(probe.copy(), p);
        }
        return p;
    }

    /** Hands every group's partial row to {@code out} (group-by values, then the partials) and forgets them. */
    void flush(Consumer<VizRow> out) {
        int width = keys.length + metrics.length;
        for (Map.Entry<Key, Partial> e : groups.entrySet()) {
            VizRow row = new VizRow(width);
            Key key = e.getKey();
            for (int i = 0; i < keys.length; i++) {
                if ((key.nulls & (1L << i)) != 0) {
                    row.setNull(i);
                } else if (stringKey[i]) {
                    row.setString(i, key.strings[i]);
                } else {
                    row.setLong(i, key.prims[i]); // raw bits: the same for every type
                }
            }
            Partial p = e.getValue();
            for (int k = 0; k < metrics.length; k++) {
                int c = keys.length + k;
                if (!p.seen[k] && metrics[k].op != PartialMetric.Op.COUNT) {
                    row.setNull(c);
                } else if (metrics[k].type == ColumnType.DOUBLE) {
                    row.setDouble(c, p.doubles[k]);
                } else {
                    row.setLong(c, p.longs[k]);
                }
            }
            out.accept(row);
        }
        groups.clear();
    }

    /** The partial values of one group. */
    static final class Partial {
        final long[] longs;
        final double[] doubles;
        final boolean[] seen;

        Partial(int n) {
            longs = new long[n];
            doubles = new double[n];
            seen = new boolean[n];
        }
    }

    /** A group's key: the group-by values (numbers, booleans and reals by their raw bits). */
    private static final class Key {
        final long[] prims;
        final String[] strings;
        long nulls;
        int hash;

        Key(int n) {
            prims = new long[n];
            strings = new String[n];
        }

        void set(VizRow row, int[] columns, boolean[] isString) {
            nulls = 0;
            long h = 1;
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                long v;
                if (row.isNull(c)) {
                    v = setNull(i);
                } else if (isString[i]) {
                    strings[i] = row.getString(c);
                    v = strings[i].hashCode();
                } else {
                    prims[i] = row.getLong(c); // raw bits of a real, 0/1 of a boolean
                    v = prims[i];
                }
                h = (h + v) * 0x9E3779B97F4A7C15L;
            }
            hash = finish(h);
        }

        void set(ColumnBatch batch, int r, int[] columns, boolean[] isString) {
            nulls = 0;
            long h = 1;
            for (int i = 0; i < columns.length; i++) {
                int c = columns[i];
                long v;
                if (batch.isNull(c, r)) {
                    v = setNull(i);
                } else if (isString[i]) {
                    strings[i] = batch.strings(c)[r];
                    v = strings[i].hashCode();
                } else {
                    prims[i] = batch.longs(c)[r];
                    v = prims[i];
                }
                h = (h + v) * 0x9E3779B97F4A7C15L;
            }
            hash = finish(h);
        }

        private long setNull(int i) {
            nulls |= 1L << i;
            prims[i] = 0;
            strings[i] = null;
            return 7;
        }

        /**
         * MurmurHash3's finalizer spreads keys of small neighbouring integers (bins) over the low
         * bits HashMap uses (no collisions were proven: profiles misattribute this code).
         */
        private static int finish(long h) {
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            return (int) h;
        }

        Key copy() {
            Key k = new Key(prims.length);
            System.arraycopy(prims, 0, k.prims, 0, prims.length);
            System.arraycopy(strings, 0, k.strings, 0, strings.length);
            k.nulls = nulls;
            k.hash = hash;
            return k;
        }

        @Override
        public int hashCode() {
            return hash;
        }

        @Override
        public boolean equals(Object o) {
            if (!(o instanceof Key)) return false;
            Key k = (Key) o;
            return hash == k.hash && nulls == k.nulls && Arrays.equals(prims, k.prims) && Arrays.equals(strings, k.strings);
        }

        @Override
        public String toString() {
            return Arrays.toString(prims) + Arrays.toString(strings) + Objects.toString(nulls);
        }
    }
}
