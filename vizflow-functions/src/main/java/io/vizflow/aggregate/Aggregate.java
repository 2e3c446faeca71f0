package io.vizflow.aggregate;

import io.vizflow.row.BatchRows;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnBatchTypeInfo;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowTypeInfo;

import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.catalog.Column;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code aggregate} (CONTRACT section 5): group by the configured columns and compute each metric,
 * a Flink SQL aggregate expression. When every metric is one of the common decomposable forms
 * ({@link PartialMetric}: counts, sums, sums of products and of flags, min and max), the rows are
 * reduced to one partial row per group in the operator that makes them ({@link PreAggregate}),
 * and the partials of a group are merged by a keyed reduce ({@link MergePartials}): a few hundred
 * rows, for which the Table planner's optimization and code generation (about a second of every
 * date's start, before the job can run) would cost more than the merge. Any other metric makes the
 * Table API aggregate every row (the planner aggregates in two phases, locally before its shuffle).
 * Both give the same columns, types and values (tested against each other).
 *
 * <p>The partial's types are normalised so that partials of many dates concatenate: integer
 * results are BIGINT, real ones DOUBLE. A top-level {@code SUM(x)} over no non-null value is 0,
 * not NULL: the sum of nothing, which also merges exactly across dates (and is what Polars and
 * pandas give).
 */
public final class Aggregate {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final AtomicInteger VIEWS = new AtomicInteger();

    private final RowType rowType;
    private final DataStream<RowData> merged;
    private final StreamTableEnvironment tEnv;
    private final Table table;

    private Aggregate(RowType rowType, DataStream<RowData> merged, StreamTableEnvironment tEnv, Table table) {
        this.rowType = rowType;
        this.merged = merged;
        this.tEnv = tEnv;
        this.table = table;
    }

    /**
     * The aggregate of {@code rows}: the group-by columns, then one column per metric.
     *
     * @throws IllegalArgumentException naming the group-by column or the metric that is wrong
     */
    public static Aggregate of(DataStream<VizRow> rows, List<String> groupBy, Map<String, String> metrics) {
        return of(rows, null, groupBy, metrics);
    }

    /**
     * The aggregate of the rows of {@code batches} ({@link ColumnBatch}es, as the per-symbol steps
     * hand them on): the same as {@link #of}, the partial of each group computed batch by batch.
     */
    public static Aggregate ofBatches(DataStream<ColumnBatch> batches, List<String> groupBy, Map<String, String> metrics) {
        return of(null, batches, groupBy, metrics);
    }

    private static Aggregate of(DataStream<VizRow> rows, DataStream<ColumnBatch> batches, List<String> groupBy,
                                Map<String, String> metrics) {
        RowSchema schema = rows != null ? VizRowTypeInfo.schemaOf(rows.getType())
                : ColumnBatchTypeInfo.schemaOf(batches.getType());
        for (String g : groupBy) {
            if (!schema.contains(g)) {
                throw new IllegalArgumentException("group_by: unknown column '" + g + "'; columns are " + schema.names());
            }
        }
        if (metrics.isEmpty()) {
            throw new IllegalArgumentException("metrics: at least one metric is needed");
        }
        for (String m : metrics.keySet()) {
            if (!IDENTIFIER.matcher(m).matches()) {
                throw new IllegalArgumentException("metrics: '" + m + "' is not a column name (letters, digits, _)");
            }
            if (groupBy.contains(m)) {
                throw new IllegalArgumentException("metrics: '" + m + "' is also a group_by column");
            }
        }
        List<PartialMetric> partials = partials(schema, metrics.values());
        if (partials != null && !groupBy.isEmpty()) {
            // two steps: a partial per group where the rows are made, then the partials of each group merged
            RowSchema partialSchema = PreAggregate.outputSchema(schema, groupBy, partials);
            DataStream<VizRow> partialRows = rows != null
                    ? rows.transform("pre-aggregate", new VizRowTypeInfo(partialSchema), new PreAggregate(schema, groupBy, partials))
                    : batches.transform("pre-aggregate", new VizRowTypeInfo(partialSchema),
                            new PreAggregate.OnBatches(schema, groupBy, partials));
            RowType type = MergePartials.rowType(partialSchema, groupBy, List.copyOf(metrics.keySet()), partials);
            MergePartials merge = new MergePartials(partialSchema, groupBy.size(), partials);
            // one subtask: a few partial rows per group, chained to the one writer of the partial file
            DataStream<RowData> merged = partialRows
                    .keyBy(merge.groupKey(), org.apache.flink.api.common.typeinfo.Types.STRING)
                    .reduce(merge)
                    .setParallelism(1)
                    .name("merge partials")
                    .map(merge.toRowData())
                    .returns(org.apache.flink.table.runtime.typeutils.InternalTypeInfo.of(type))
                    .setParallelism(1)
                    .name("to partial rows");
            return new Aggregate(type, merged, null, null);
        }
        // a metric Flink SQL computes row by row (or no group-by: one row even of no rows)
        if (rows == null) {
            rows = batches.flatMap(new BatchRows()).returns(new VizRowTypeInfo(schema)).name("rows");
        }
        StreamTableEnvironment tEnv = StreamTableEnvironment.create(rows.getExecutionEnvironment());
        Table table = table(tEnv, rows, schema, groupBy, new LinkedHashMap<>(metrics));
        return new Aggregate((RowType) table.getResolvedSchema().toPhysicalRowDataType().getLogicalType(),
                null, tEnv, table);
    }

    /** The columns and types of the aggregated rows. */
    public RowType rowType() {
        return rowType;
    }

    /** The aggregated rows, one per group: the keyed merge of the partials, or the Table API's plan. */
    public DataStream<RowData> rows() {
        if (merged != null) return merged;
        return tEnv.toDataStream(table, table.getResolvedSchema().toPhysicalRowDataType().bridgedTo(RowData.class));
    }

    /** The Table API query over every row, the same aggregate whatever the metrics (for tests). */
    static Table table(StreamTableEnvironment tEnv, DataStream<VizRow> rows, List<String> groupBy, Map<String, String> metrics) {
        return table(tEnv, rows, VizRowTypeInfo.schemaOf(rows.getType()), groupBy, new LinkedHashMap<>(metrics));
    }

    private static Table table(StreamTableEnvironment tEnv, DataStream<VizRow> rows, RowSchema schema,
                               List<String> groupBy, Map<String, String> aggregates) {
        List<String> columns = neededColumns(schema, groupBy, aggregates.values());
        DataStream<org.apache.flink.table.data.RowData> data = rows
                .map(new ToRowData(schema, columns))
                .returns(ToRowData.typeInfo(schema, columns))
                .name("to-table");
        String view = "vizflow_rows_" + VIEWS.incrementAndGet();
        tEnv.createTemporaryView(view, tEnv.fromDataStream(data));

        Map<String, String> exprs = new LinkedHashMap<>();
        aggregates.forEach((name, expr) -> exprs.put(name, sumOfNothingIsZero(expr)));
        Table result = query(tEnv, view, groupBy, exprs);
        Map<String, String> cast = new LinkedHashMap<>();
        boolean recast = false;
        for (Map.Entry<String, String> e : exprs.entrySet()) {
            Column c = result.getResolvedSchema().getColumn(e.getKey()).orElseThrow();
            String target = normalisedType(c.getDataType().getLogicalType());
            if (target != null) {
                cast.put(e.getKey(), "CAST(" + e.getValue() + " AS " + target + ")");
                recast = true;
            } else {
                cast.put(e.getKey(), e.getValue());
            }
        }
        return recast ? query(tEnv, view, groupBy, cast) : result;
    }

    /** Every metric in two steps ({@link PartialMetric}), or null when one of them cannot be. */
    private static List<PartialMetric> partials(RowSchema schema, Iterable<String> metrics) {
        List<PartialMetric> out = new ArrayList<>();
        for (String m : metrics) {
            PartialMetric p = PartialMetric.of(m, schema);
            if (p == null) return null;
            out.add(p);
        }
        return out;
    }

    private static Table query(StreamTableEnvironment tEnv, String view, List<String> groupBy, Map<String, String> exprs) {
        String sql = sql(view, groupBy, exprs);
        try {
            return tEnv.sqlQuery(sql);
        } catch (RuntimeException whole) {
            // find the metric to blame, so the message names its key
            for (Map.Entry<String, String> e : exprs.entrySet()) {
                try {
                    tEnv.sqlQuery(sql(view, groupBy, Map.of(e.getKey(), e.getValue())));
                } catch (RuntimeException one) {
                    throw new IllegalArgumentException("metrics." + e.getKey() + ": '" + e.getValue()
                            + "' is not a valid Flink SQL aggregate: " + rootMessage(one), one);
                }
            }
            throw new IllegalArgumentException("metrics: the aggregate query is not valid: " + rootMessage(whole), whole);
        }
    }

    static String sql(String view, List<String> groupBy, Map<String, String> exprs) {
        StringBuilder sb = new StringBuilder("SELECT ");
        List<String> items = new ArrayList<>();
        for (String g : groupBy) items.add(quote(g));
        exprs.forEach((name, expr) -> items.add(expr + " AS " + quote(name)));
        sb.append(String.join(", ", items)).append(" FROM ").append(quote(view));
        if (!groupBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            for (String g : groupBy) keys.add(quote(g));
            sb.append(" GROUP BY ").append(String.join(", ", keys));
        }
        return sb.toString();
    }

    private static String quote(String identifier) {
        return "`" + identifier.replace("`", "``") + "`";
    }

    /**
     * The columns of {@code schema} the group-by and the metric expressions may read (at least
     * one), or null where it cannot tell (a quoted name in a metric).
     */
    public static List<String> columnsRead(RowSchema schema, List<String> groupBy, Collection<String> metrics) {
        for (String m : metrics) {
            if (m.indexOf('`') >= 0 || m.indexOf('"') >= 0) return null;
        }
        return neededColumns(schema, groupBy, metrics);
    }

    /** The columns of {@code schema} the group-by and the metric expressions may read. */
    static List<String> neededColumns(RowSchema schema, List<String> groupBy, Iterable<String> expressions) {
        Set<String> needed = new LinkedHashSet<>(groupBy);
        for (String expr : expressions) {
            Matcher m = IDENTIFIER.matcher(expr.replaceAll("'([^']|'')*'", "''"));
            while (m.find()) {
                String id = m.group();
                if (schema.contains(id)) needed.add(id);
            }
        }
        if (needed.isEmpty()) {
            needed.add(schema.name(0)); // COUNT(*) alone still needs a column to count rows of
        }
        return new ArrayList<>(needed);
    }

    /** {@code SUM(x)} becomes {@code COALESCE(SUM(x), 0)}; any other expression stays. */
    static String sumOfNothingIsZero(String expr) {
        String e = expr.trim();
        if (!e.toUpperCase(Locale.ROOT).matches("SUM\\s*\\(.*\\)")) {
            return expr;
        }
        int open = e.indexOf('(');
        int depth = 0;
        for (int i = open; i < e.length(); i++) {
            char c = e.charAt(i);
            if (c == '(') depth++;
            if (c == ')' && --depth == 0 && i != e.length() - 1) {
                return expr; // SUM(a) + SUM(b): not a single SUM
            }
        }
        return "COALESCE(" + e + ", 0)";
    }

    private static String normalisedType(LogicalType t) {
        LogicalTypeRoot r = t.getTypeRoot();
        switch (r) {
            case TINYINT:
            case SMALLINT:
            case INTEGER:
                return "BIGINT";
            case FLOAT:
            case DECIMAL:
                return "DOUBLE";
            default:
                return null;
        }
    }

    private static String rootMessage(Throwable t) {
        String msg = t.getMessage();
        Throwable c = t;
        while (c.getCause() != null) {
            c = c.getCause();
            if (c.getMessage() != null) msg = c.getMessage();
        }
        return msg == null ? t.toString() : msg.lines().findFirst().orElse(msg);
    }
}
