package io.vizflow.aggregate;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The first of aggregate's two steps, in the operator that produces the rows: one partial row per
 * group ({@link PartialMetric}) instead of every row, so the Table API aggregates thousands of
 * partials instead of tens of millions of rows. Holds at most {@value #MAX_GROUPS} groups; past
 * that it hands its partials on and starts again (still exact: partials merge).
 */
final class PreAggregate extends AbstractStreamOperator<VizRow>
        implements OneInputStreamOperator<VizRow, VizRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final int MAX_GROUPS = 1 << 20;

    private final int[] keys;
    private final boolean[] stringKey;
    private final PartialMetric[] metrics;
    private final int maxGroups;

    private transient Map<Key, Partial> groups;
    private transient Key probe;
    private transient StreamRecord<VizRow> record;

    PreAggregate(RowSchema input, List<String> groupBy, List<PartialMetric> metrics) {
        this(input, groupBy, metrics, MAX_GROUPS);
    }

    PreAggregate(RowSchema input, List<String> groupBy, List<PartialMetric> metrics, int maxGroups) {
        if (groupBy.size() > 64) throw new IllegalArgumentException("group_by: at most 64 columns");
        keys = new int[groupBy.size()];
        stringKey = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = input.indexOf(groupBy.get(i));
            stringKey[i] = input.type(keys[i]) == ColumnType.STRING;
        }
        this.metrics = metrics.toArray(new PartialMetric[0]);
        this.maxGroups = maxGroups;
    }

    /** The partial rows' columns: the group-by columns as they are, then {@code p0, p1, ...}. */
    static RowSchema outputSchema(RowSchema input, List<String> groupBy, List<PartialMetric> metrics) {
        RowSchema out = RowSchema.empty();
        for (String g : groupBy) out = out.with(g, input.type(g));
        for (int k = 0; k < metrics.size(); k++) out = out.with(partialColumn(k), metrics.get(k).type);
        return out;
    }

    static String partialColumn(int k) {
        return "vizflow_partial_" + k;
    }

    @Override
    public void open() throws Exception {
        super.open();
        groups = new HashMap<>();
        probe = new Key(keys.length);
        record = new StreamRecord<>(null);
    }

    @Override
    public void processElement(StreamRecord<VizRow> element) {
        VizRow row = element.getValue();
        probe.set(row, keys, stringKey);
        Partial p = groups.get(probe);
        if (p == null) {
            if (groups.size() >= maxGroups) flush();
            p = new Partial(metrics.length);
            groups.put(probe.copy(), p);
        }
        for (int k = 0; k < metrics.length; k++) {
            metrics[k].add(row, k, p.longs, p.doubles, p.seen);
        }
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        int width = keys.length + metrics.length;
        for (Map.Entry<Key, Partial> e : groups.entrySet()) {
            VizRow out = new VizRow(width);
            Key key = e.getKey();
            for (int i = 0; i < keys.length; i++) {
                if ((key.nulls & (1L << i)) != 0) {
                    out.setNull(i);
                } else if (stringKey[i]) {
                    out.setString(i, key.strings[i]);
                } else {
                    out.setLong(i, key.prims[i]); // raw bits: the same for every type
                }
            }
            Partial p = e.getValue();
            for (int k = 0; k < metrics.length; k++) {
                int c = keys.length + k;
                if (!p.seen[k] && metrics[k].op != PartialMetric.Op.COUNT) {
                    out.setNull(c);
                } else if (metrics[k].type == ColumnType.DOUBLE) {
                    out.setDouble(c, p.doubles[k]);
                } else {
                    out.setLong(c, p.longs[k]);
                }
            }
            output.collect(record.replace(out));
        }
        groups.clear();
    }

    /** The partial values of one group. */
    private static final class Partial {
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
                    nulls |= 1L << i;
                    prims[i] = 0;
                    strings[i] = null;
                    v = 7;
                } else if (isString[i]) {
                    strings[i] = row.getString(c);
                    v = strings[i].hashCode();
                } else {
                    prims[i] = row.getLong(c); // raw bits of a real, 0/1 of a boolean
                    v = prims[i];
                }
                h = (h + v) * 0x9E3779B97F4A7C15L;
            }
            // MurmurHash3's finalizer spreads keys of small neighbouring integers (bins) over the
            // low bits HashMap uses (no collisions were proven: profiles misattribute this code)
            h ^= h >>> 33;
            h *= 0xff51afd7ed558ccdL;
            h ^= h >>> 33;
            hash = (int) h;
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
