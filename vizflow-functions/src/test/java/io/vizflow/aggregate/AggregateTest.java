package io.vizflow.aggregate;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowTypeInfo;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.apache.flink.table.api.Table;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * {@code aggregate} on a mini cluster: the metrics computed in two steps (partials per group, then
 * merged) equal an independent computation row by row, nulls included, and equal Flink SQL's own
 * one-step result (forced by adding a metric that cannot be split).
 */
class AggregateTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).build());

    private static final RowSchema SCHEMA = RowSchema.empty()
            .with("g", ColumnType.LONG).with("s", ColumnType.STRING).with("x", ColumnType.LONG)
            .with("y", ColumnType.DOUBLE).with("flag", ColumnType.BOOLEAN);

    private static final Map<String, String> SPLITTABLE = new LinkedHashMap<>();

    static {
        SPLITTABLE.put("n", "COUNT(*)");
        SPLITTABLE.put("n_x", "COUNT(x)");
        SPLITTABLE.put("sum_x", "SUM(x)");
        SPLITTABLE.put("sum_y", "SUM(y)");
        SPLITTABLE.put("min_x", "MIN(x)");
        SPLITTABLE.put("max_x", "max( x )");
        SPLITTABLE.put("sum_xy", "SUM(x * y)");
        SPLITTABLE.put("sum_xx", "SUM(x * x)");
        SPLITTABLE.put("n_flag", "sum(case when flag then 1 else 0 end)");
    }

    /** Rows in groups (g, s), with nulls in every column; group g=3 has no x at all. */
    private static List<VizRow> rows() {
        Random random = new Random(11);
        List<VizRow> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            VizRow r = new VizRow(SCHEMA.size());
            long g = random.nextInt(5);
            if (random.nextInt(20) == 0) r.setNull(0); else r.setLong(0, g);
            if (random.nextInt(15) == 0) r.setNull(1); else r.setString(1, random.nextBoolean() ? "B" : "S");
            if (g == 3 || random.nextInt(10) == 0) r.setNull(2); else r.setLong(2, random.nextInt(20_001) - 10_000);
            if (random.nextInt(10) == 0) r.setNull(3); else r.setDouble(3, random.nextGaussian() / 1e3);
            if (random.nextInt(7) == 0) r.setNull(4); else r.setBoolean(4, random.nextInt(3) == 0);
            rows.add(r);
        }
        return rows;
    }

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        return env;
    }

    /** The aggregated rows by (g, s), as the partial file gets them (Flink's RowData of {@link Aggregate#rowType()}). */
    private static Map<List<Object>, Row> run(Map<String, String> metrics) throws Exception {
        StreamExecutionEnvironment env = env();
        Aggregate a = Aggregate.of(env.fromData(rows(), new VizRowTypeInfo(SCHEMA)), List.of("g", "s"), metrics);
        RowType type = a.rowType();
        Map<List<Object>, Row> out = new HashMap<>();
        try (CloseableIterator<RowData> it = a.rows().executeAndCollect()) {
            it.forEachRemaining(d -> {
                Row r = Row.withNames();
                for (int i = 0; i < type.getFieldCount(); i++) {
                    r.setField(type.getFieldNames().get(i), field(d, i, type.getTypeAt(i)));
                }
                out.put(Arrays.asList(r.getField("g"), r.getField("s")), r);
            });
        }
        return out;
    }

    private static Object field(RowData d, int i, LogicalType t) {
        if (d.isNullAt(i)) return null;
        switch (t.getTypeRoot()) {
            case BIGINT: return d.getLong(i);
            case DOUBLE: return d.getDouble(i);
            case BOOLEAN: return d.getBoolean(i);
            case VARCHAR: return d.getString(i).toString();
            default: throw new AssertionError("a partial column of type " + t);
        }
    }

    /** The metrics row by row, with SQL's null rules, independently of both code paths. */
    private static Map<List<Object>, Object[]> expected() {
        Map<List<Object>, Object[]> out = new HashMap<>();
        for (VizRow r : rows()) {
            List<Object> key = Arrays.asList(r.get(0, ColumnType.LONG), r.get(1, ColumnType.STRING));
            // n, n_x, sum_x, sum_y, min_x, max_x, sum_xy, sum_xx, n_flag
            Object[] m = out.computeIfAbsent(key, k -> new Object[] {0L, 0L, 0L, 0.0, null, null, 0.0, 0L, 0L});
            m[0] = (Long) m[0] + 1;
            if (!r.isNull(2)) {
                long x = r.getLong(2);
                m[1] = (Long) m[1] + 1;
                m[2] = (Long) m[2] + x;
                m[4] = m[4] == null ? x : Math.min((Long) m[4], x);
                m[5] = m[5] == null ? x : Math.max((Long) m[5], x);
                m[7] = (Long) m[7] + x * x;
                if (!r.isNull(3)) m[6] = (Double) m[6] + x * r.getDouble(3);
            }
            if (!r.isNull(3)) m[3] = (Double) m[3] + r.getDouble(3);
            if (!r.isNull(4) && r.getBoolean(4)) m[8] = (Long) m[8] + 1;
        }
        return out;
    }

    private static void assertMatches(Map<List<Object>, Object[]> expected, Map<List<Object>, Row> actual) {
        assertEquals(expected.keySet(), actual.keySet());
        List<String> names = new ArrayList<>(SPLITTABLE.keySet());
        expected.forEach((key, want) -> {
            Row got = actual.get(key);
            for (int i = 0; i < names.size(); i++) {
                Object w = want[i];
                Object g = got.getField(names.get(i));
                if (w instanceof Double) {
                    assertEquals((Double) w, (Double) g, 1e-12 + Math.abs((Double) w) * 1e-12, names.get(i) + " of " + key);
                } else {
                    assertEquals(w, g, names.get(i) + " of " + key);
                }
            }
        });
    }

    @Test
    void shouldComputeSplittableMetricsInTwoStepsExactly() throws Exception {
        Map<List<Object>, Object[]> expected = expected();
        assertNull(expected.get(Arrays.asList(3L, "B"))[4], "a group without x has no MIN(x)");

        assertMatches(expected, run(SPLITTABLE));
    }

    @Test
    void shouldGiveTheSameResultsAsFlinkSqlRowByRow() throws Exception {
        Map<String, String> oneStep = new LinkedHashMap<>(SPLITTABLE);
        oneStep.put("mean_y", "AVG(y)"); // not splittable here: the whole query runs row by row
        assertNull(PartialMetric.of("AVG(y)", SCHEMA));

        Map<List<Object>, Row> flink = run(oneStep);
        assertMatches(expected(), flink);
        Map<List<Object>, Row> split = run(SPLITTABLE);
        flink.forEach((key, row) -> assertEquals(row.getField("n_flag").getClass(), split.get(key).getField("n_flag").getClass()));
    }

    @Test
    void shouldMergePartialsIntoTheColumnsAndTypesOfTheTableApiQuery() {
        StreamExecutionEnvironment env = env();
        DataStream<VizRow> rows = env.fromData(rows(), new VizRowTypeInfo(SCHEMA));
        RowType merged = Aggregate.of(rows, List.of("g", "s"), SPLITTABLE).rowType();
        Table query = Aggregate.table(StreamTableEnvironment.create(env), rows, List.of("g", "s"), SPLITTABLE);

        assertEquals(query.getResolvedSchema().toPhysicalRowDataType().getLogicalType(), merged,
                "names, types and nullability of the partial file's columns");
    }

    @Test
    void shouldSplitOnlyTheFormsItKnows() {
        for (String m : SPLITTABLE.values()) {
            assertNotNull(PartialMetric.of(m, SCHEMA), m);
        }
        for (String m : List.of("SUM(DISTINCT x)", "MIN(y)", "SUM(x + y)", "SUM(x * 2)", "COUNT(nope)",
                "SUM(s)", "SUM(x) / COUNT(x)", "SUM(CASE WHEN x > 0 THEN 1 ELSE 0 END)", "SUM(flag)")) {
            assertNull(PartialMetric.of(m, SCHEMA), m);
        }
    }

    @Test
    void shouldHandOnOnePartialRowPerGroup() throws Exception {
        List<PartialMetric> metrics = List.of(PartialMetric.of("COUNT(*)", SCHEMA));
        PreAggregate op = new PreAggregate(SCHEMA, List.of("g", "s", "flag"), metrics);
        try (OneInputStreamOperatorTestHarness<VizRow, VizRow> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            for (VizRow r : rows()) h.processElement(r, 0);
            op.endInput();
            Map<List<Object>, Long> counts = new HashMap<>();
            for (VizRow r : rows()) {
                counts.merge(Arrays.asList(r.get(0, ColumnType.LONG), r.get(1, ColumnType.STRING),
                        r.get(4, ColumnType.BOOLEAN)), 1L, Long::sum);
            }
            List<VizRow> partials = h.extractOutputValues();
            assertEquals(counts.size(), partials.size(), "one partial row per group");
            for (VizRow p : partials) {
                List<Object> key = Arrays.asList(p.get(0, ColumnType.LONG), p.get(1, ColumnType.STRING), p.get(2, ColumnType.BOOLEAN));
                assertEquals(counts.get(key), p.getLong(3), key.toString());
            }
        }
    }

    @Test
    void shouldKeepThousandsOfGroupsApartWhileGrowingAndHandingOn() throws Exception {
        // ~2,600 groups of (x, flag), nulls among them: the group table grows several times and,
        // at 1,000 groups, hands its partials on and starts again
        List<PartialMetric> metrics = List.of(PartialMetric.of("COUNT(*)", SCHEMA), PartialMetric.of("SUM(x)", SCHEMA));
        assertCountAndSumOfXByXAndFlag(partialsOfRows(new PreAggregate(SCHEMA, List.of("x", "flag"), metrics, 1_000)));
    }

    /** Partials of {@code COUNT(*)} and {@code SUM(x)} by {@code (x, flag)}, merged, equal those of {@link #rows()}. */
    private static void assertCountAndSumOfXByXAndFlag(List<VizRow> partials) {
        int groups = assertCountAndSumOfXBy(partials, new int[] {2, 4}, ColumnType.LONG, ColumnType.BOOLEAN);
        assertTrue(groups > 2_000, "groups: " + groups);
    }

    /**
     * Partials of {@code COUNT(*)} and {@code SUM(x)} by the columns given of {@link #rows()} (of
     * the types given), handed on early and merged, equal those of the rows; the number of groups.
     */
    private static int assertCountAndSumOfXBy(List<VizRow> partials, int[] columns, ColumnType... types) {
        Map<List<Object>, long[]> expected = new HashMap<>();
        for (VizRow r : rows()) {
            List<Object> key = new ArrayList<>();
            for (int i = 0; i < columns.length; i++) key.add(r.get(columns[i], types[i]));
            long[] e = expected.computeIfAbsent(key, k -> new long[2]);
            e[0]++;
            e[1] += r.isNull(2) ? 0 : r.getLong(2);
        }
        Map<List<Object>, long[]> merged = new HashMap<>();
        int n = columns.length;
        for (VizRow p : partials) {
            List<Object> key = new ArrayList<>();
            for (int i = 0; i < n; i++) key.add(p.get(i, types[i]));
            long[] m = merged.computeIfAbsent(key, k -> new long[2]);
            m[0] += p.getLong(n);
            m[1] += p.isNull(n + 1) ? 0 : p.getLong(n + 1);
        }
        assertTrue(partials.size() > expected.size(), "groups were handed on early: " + partials.size() + " partial rows");
        assertEquals(expected.keySet(), merged.keySet());
        expected.forEach((key, e) -> assertArrayEquals(e, merged.get(key), key.toString()));
        return expected.size();
    }

    @Test
    void shouldHandOnPartialsWhenItHoldsTooManyGroupsAndStayExact() throws Exception {
        List<PartialMetric> metrics = List.of(PartialMetric.of("COUNT(*)", SCHEMA), PartialMetric.of("SUM(x)", SCHEMA));
        PreAggregate op = new PreAggregate(SCHEMA, List.of("g"), metrics, 2);
        try (OneInputStreamOperatorTestHarness<VizRow, VizRow> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            long[] xs = {5, 7, 11, 13, 17};
            long[] gs = {0, 1, 2, 0, 1};
            for (int i = 0; i < xs.length; i++) {
                h.processElement(new VizRow(SCHEMA.size()).setLong(0, gs[i]).setString(1, "B").setLong(2, xs[i])
                        .setDouble(3, 0).setBoolean(4, false), 0);
            }
            op.endInput();
            Map<Long, long[]> merged = new HashMap<>();
            int partialRows = 0;
            for (VizRow p : h.extractOutputValues()) {
                partialRows++;
                long[] m = merged.computeIfAbsent(p.getLong(0), k -> new long[2]);
                m[0] += p.getLong(1);
                m[1] += p.getLong(2);
            }
            assertTrue(partialRows > 3, "groups were handed on early: " + partialRows + " partial rows");
            assertEquals(List.of(2L, 18L), List.of(merged.get(0L)[0], merged.get(0L)[1]));
            assertEquals(List.of(2L, 24L), List.of(merged.get(1L)[0], merged.get(1L)[1]));
            assertEquals(List.of(1L, 11L), List.of(merged.get(2L)[0], merged.get(2L)[1]));
        }
    }

    @Test
    void shouldMakeTheSamePartialsFromBatchesAsFromRows() throws Exception {
        List<PartialMetric> metrics = new ArrayList<>();
        for (String m : SPLITTABLE.values()) metrics.add(PartialMetric.of(m, SCHEMA));
        List<String> groupBy = List.of("g", "s", "flag");
        RowSchema out = PreAggregate.outputSchema(SCHEMA, groupBy, metrics);
        Map<List<Object>, VizRow> fromRows = byGroup(partialsOfRows(new PreAggregate(SCHEMA, groupBy, metrics)), out, 3);
        Map<List<Object>, VizRow> fromBatches = byGroup(partialsOfBatches(new PreAggregate.OnBatches(SCHEMA, groupBy, metrics)), out, 3);
        assertEquals(fromRows.keySet(), fromBatches.keySet());
        // the same values to the bit: each group's sums add its rows in the same order
        fromRows.forEach((key, p) -> assertEquals(p, fromBatches.get(key), key.toString()));
    }

    @Test
    void shouldHandOnPartialsOfBatchesWhenItHoldsTooManyGroupsAndStayExact() throws Exception {
        List<PartialMetric> metrics = List.of(PartialMetric.of("COUNT(*)", SCHEMA), PartialMetric.of("SUM(x)", SCHEMA));
        assertCountAndSumOfXByXAndFlag(partialsOfBatches(new PreAggregate.OnBatches(SCHEMA, List.of("x", "flag"), metrics, 1_000)));
    }

    @Test
    void shouldKeepStringGroupsApartWhenHandingOnEveryFewRows() throws Exception {
        // a table of 3 groups hands on every few rows, and its strings' codes start again each
        // time: rows and batches, nulls among the strings and the numbers
        List<PartialMetric> metrics = List.of(PartialMetric.of("COUNT(*)", SCHEMA), PartialMetric.of("SUM(x)", SCHEMA));
        List<String> groupBy = List.of("s", "g");
        int[] columns = {1, 0};
        assertCountAndSumOfXBy(partialsOfRows(new PreAggregate(SCHEMA, groupBy, metrics, 3)), columns,
                ColumnType.STRING, ColumnType.LONG);
        assertCountAndSumOfXBy(partialsOfBatches(new PreAggregate.OnBatches(SCHEMA, groupBy, metrics, 3)), columns,
                ColumnType.STRING, ColumnType.LONG);
    }

    @Test
    void shouldStartEachPartialAtItsOperationsIdentityAndTellNoValueFromIt() throws Exception {
        // partials start at their operation's identity (0, -0.0, the largest or smallest integer):
        // values equal to those identities must come out as themselves, and a group with no value
        // as null (a count as 0); over rows and over batches, each group added to after others
        List<PartialMetric> metrics = new ArrayList<>();
        for (String m : List.of("COUNT(x)", "SUM(x)", "SUM(y)", "MIN(x)", "MAX(x)", "SUM(x * y)")) {
            metrics.add(PartialMetric.of(m, SCHEMA));
        }
        List<VizRow> rows = new ArrayList<>();
        long[] xs = {Long.MIN_VALUE, Long.MAX_VALUE, 0, Long.MIN_VALUE};
        for (int i = 0; i < 8; i++) {
            VizRow r = new VizRow(SCHEMA.size()).setLong(0, i % 4).setString(1, "B").setBoolean(4, true);
            if (i % 4 == 3) r.setNull(2); else r.setLong(2, xs[i % 4]); // group 3: no x
            r.setDouble(3, -0.0);
            rows.add(r);
        }
        List<String> groupBy = List.of("g");
        RowSchema out = PreAggregate.outputSchema(SCHEMA, groupBy, metrics);
        List<VizRow> fromRows;
        PreAggregate onRows = new PreAggregate(SCHEMA, groupBy, metrics);
        try (OneInputStreamOperatorTestHarness<VizRow, VizRow> h = new OneInputStreamOperatorTestHarness<>(onRows)) {
            h.open();
            for (VizRow r : rows) h.processElement(r, 0);
            onRows.endInput();
            fromRows = h.extractOutputValues();
        }
        List<VizRow> fromBatches;
        PreAggregate.OnBatches onBatches = new PreAggregate.OnBatches(SCHEMA, groupBy, metrics);
        try (OneInputStreamOperatorTestHarness<ColumnBatch, VizRow> h = new OneInputStreamOperatorTestHarness<>(onBatches)) {
            h.open();
            h.processElement(ColumnBatch.of(SCHEMA, rows.subList(0, 3).toArray(new VizRow[0])), 0);
            h.processElement(ColumnBatch.of(SCHEMA, rows.subList(3, 8).toArray(new VizRow[0])), 0);
            onBatches.endInput();
            fromBatches = h.extractOutputValues();
        }
        for (List<VizRow> partials : List.of(fromRows, fromBatches)) {
            Map<List<Object>, VizRow> byG = byGroup(partials, out, 1);
            // g 0: x MIN_VALUE twice (SUM wraps to 0), g 1: MAX_VALUE twice, g 2: 0 twice, g 3: none
            long[][] expected = {
                {2, 0, Long.MIN_VALUE, Long.MIN_VALUE},
                {2, -2, Long.MAX_VALUE, Long.MAX_VALUE},
                {2, 0, 0, 0},
            };
            for (int g = 0; g < 3; g++) {
                VizRow p = byG.get(List.of((long) g));
                assertEquals(expected[g][0], p.getLong(1), "COUNT(x) of " + g);
                assertEquals(expected[g][1], p.getLong(2), "SUM(x) of " + g);
                assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(p.getDouble(3)), "SUM(y) of " + g);
                assertEquals(expected[g][2], p.getLong(4), "MIN(x) of " + g);
                assertEquals(expected[g][3], p.getLong(5), "MAX(x) of " + g);
            }
            VizRow none = byG.get(List.of(3L));
            assertEquals(0L, none.getLong(1), "COUNT(x) of no x");
            for (int c = 2; c <= 6; c++) {
                if (c != 3) assertTrue(none.isNull(c), out.name(c) + " of no x is null");
            }
            assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(none.getDouble(3)), "SUM(y) of -0.0s");
        }
    }

    private static List<VizRow> partialsOfRows(PreAggregate op) throws Exception {
        try (OneInputStreamOperatorTestHarness<VizRow, VizRow> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            for (VizRow r : rows()) h.processElement(r, 0);
            op.endInput();
            return h.extractOutputValues();
        }
    }

    /** The rows in batches of 1 to 700 rows. */
    private static List<VizRow> partialsOfBatches(PreAggregate.OnBatches op) throws Exception {
        try (OneInputStreamOperatorTestHarness<ColumnBatch, VizRow> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            List<VizRow> rows = rows();
            Random sizes = new Random(5);
            for (int from = 0; from < rows.size(); ) {
                int to = Math.min(rows.size(), from + 1 + sizes.nextInt(700));
                h.processElement(ColumnBatch.of(SCHEMA, rows.subList(from, to).toArray(new VizRow[0])), 0);
                from = to;
            }
            op.endInput();
            return h.extractOutputValues();
        }
    }

    private static Map<List<Object>, VizRow> byGroup(List<VizRow> partials, RowSchema schema, int keys) {
        Map<List<Object>, VizRow> m = new HashMap<>();
        for (VizRow p : partials) {
            List<Object> key = new ArrayList<>();
            for (int i = 0; i < keys; i++) key.add(p.get(i, schema.type(i)));
            assertNull(m.put(key, p), "one partial row per group: " + key);
        }
        return m;
    }
}
