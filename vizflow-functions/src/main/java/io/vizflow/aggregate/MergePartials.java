package io.vizflow.aggregate;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.MapFunction;
import org.apache.flink.api.common.functions.ReduceFunction;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;

import java.util.List;

/**
 * The second of aggregate's two steps: the partial rows of a group ({@link PreAggregate}, one per
 * group and subtask) merged into the group's row of the partial file, by a keyed reduce (BATCH
 * execution sorts the partials by group and keeps one group's merge at a time, however many
 * groups there are). A count or sum of no non-null value is 0, a min or max of none is null: the
 * values and types of the Table API query {@link Aggregate} would otherwise run.
 */
final class MergePartials implements ReduceFunction<VizRow> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;
    private final int keys;
    private final PartialMetric[] metrics;

    /** Partial rows of {@code schema}: {@code keys} group-by columns, then one partial per metric. */
    MergePartials(RowSchema schema, int keys, List<PartialMetric> metrics) {
        this.schema = schema;
        this.keys = keys;
        this.metrics = metrics.toArray(new PartialMetric[0]);
    }

    /**
     * The merged rows' columns: the group-by columns (nullable, as the rows have them), then the
     * metrics: BIGINT or DOUBLE, not null for counts and sums.
     */
    static RowType rowType(RowSchema schema, List<String> groupBy, List<String> metricNames, List<PartialMetric> metrics) {
        LogicalType[] types = new LogicalType[groupBy.size() + metrics.size()];
        String[] names = new String[types.length];
        for (int i = 0; i < groupBy.size(); i++) {
            names[i] = groupBy.get(i);
            types[i] = ToRowData.logicalType(schema.type(i));
        }
        for (int k = 0; k < metrics.size(); k++) {
            PartialMetric m = metrics.get(k);
            names[groupBy.size() + k] = metricNames.get(k);
            boolean nullable = !m.zeroOfNone();
            types[groupBy.size() + k] = m.type == ColumnType.DOUBLE ? new DoubleType(nullable) : new BigIntType(nullable);
        }
        return RowType.of(false, types, names); // a row is never null, as the Table API types it
    }

    /** A partial row's group as a string: equal exactly for equal group-by values (nulls included). */
    KeySelector<VizRow, String> groupKey() {
        return new GroupKey(schema, keys);
    }

    @Override
    public VizRow reduce(VizRow merged, VizRow partial) {
        VizRow out = merged.copy();
        for (int k = 0; k < metrics.length; k++) {
            metrics[k].merge(out, partial, keys + k);
        }
        return out;
    }

    /** A merged row as the partial file's row: a count or sum of nothing becomes 0. */
    MapFunction<VizRow, RowData> toRowData() {
        ToRowData rowData = new ToRowData(schema, schema.names());
        PartialMetric[] m = metrics;
        int first = keys;
        return row -> {
            for (int k = 0; k < m.length; k++) {
                int c = first + k;
                if (row.isNull(c) && m[k].zeroOfNone()) {
                    if (m[k].type == ColumnType.DOUBLE) row.setDouble(c, 0.0); else row.setLong(c, 0L);
                }
            }
            return rowData.map(row);
        };
    }

    private static final class GroupKey implements KeySelector<VizRow, String> {
        private static final long serialVersionUID = 1L;
        private final boolean[] string;

        GroupKey(RowSchema schema, int keys) {
            string = new boolean[keys];
            for (int i = 0; i < keys; i++) string[i] = schema.type(i) == ColumnType.STRING;
        }

        @Override
        public String getKey(VizRow row) {
            StringBuilder sb = new StringBuilder();
            for (int i = 0; i < string.length; i++) {
                if (row.isNull(i)) {
                    sb.append('N');
                } else if (string[i]) {
                    String s = row.getString(i);
                    sb.append('S').append(s.length()).append(':').append(s);
                } else {
                    sb.append(row.getLong(i)); // raw bits of a real, 0/1 of a boolean
                }
                sb.append('|');
            }
            return sb.toString();
        }
    }
}
