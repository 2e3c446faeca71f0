package io.vizflow.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vizflow.enrich.FifoMatch;
import io.vizflow.enrich.TagCondition;
import io.vizflow.enrich.TagRunning;
import io.vizflow.market.Market;
import io.vizflow.market.ParseTime;
import io.vizflow.market.TimeFormat;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnBatchTypeInfo;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowTypeInfo;

import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** The whole per-date pipeline on a mini cluster in BATCH mode, from unordered raw rows. */
class DailyPipelineTest {

    @RegisterExtension
    static final MiniClusterExtension MINI_CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder()
                    .setNumberTaskManagers(1)
                    .setNumberSlotsPerTaskManager(2)
                    .build());

    private static final RowSchema RAW = RowSchema.empty()
            .with("row_id", ColumnType.LONG)
            .with("ukey", ColumnType.LONG)
            .with("ticktime", ColumnType.LONG)
            .with("side", ColumnType.STRING)
            .with("qty", ColumnType.LONG)
            .with("price", ColumnType.DOUBLE);
    private static final LocalDate TRADING_DATE = LocalDate.of(2024, 1, 2);
    private static final String FILE = "fills_20240102.feather";

    private static final long MOUTAI = 600_519L;
    private static final long PING_AN = 601_318L;
    private static final long AT_OPEN = 93_000_000L;          // 09:30:00.000
    private static final long AT_OPEN_PLUS_999MS = 93_000_999L;
    private static final long ONE_MINUTE_AFTER_OPEN = 93_100_000L;
    private static final long HALF_AN_HOUR_AFTER_OPEN = 100_000_000L;
    private static final long AFTERNOON_OPEN = 130_000_000L;

    private static VizRow raw(long rowId, long ukey, long ticktime, String side, long qty, double price) {
        return new VizRow(RAW.size()).setLong(0, rowId).setLong(1, ukey).setLong(2, ticktime)
                .setString(3, side).setLong(4, qty).setDouble(5, price);
    }

    /** The file's rows, handed to the job in reverse, so only the pipeline can put them in order. */
    private static DataStream<VizRow> fillsInReverse(StreamExecutionEnvironment env) {
        return env.fromData(rowsInReverse(), new VizRowTypeInfo(RAW));
    }

    private static List<VizRow> rowsInReverse() {
        List<VizRow> rows = new ArrayList<>(List.of(
                raw(0, MOUTAI, AT_OPEN, "B", 100, 10.0),
                raw(1, MOUTAI, AT_OPEN_PLUS_999MS, "B", 100, 10.2),
                raw(2, MOUTAI, ONE_MINUTE_AFTER_OPEN, "S", 150, 10.5),
                raw(3, PING_AN, HALF_AN_HOUR_AFTER_OPEN, "S", 10, 20.0),
                raw(4, PING_AN, AFTERNOON_OPEN, "B", 5, 21.0)));
        Collections.reverse(rows);
        return rows;
    }

    /** The same rows in reverse, in column batches of two rows. */
    private static DataStream<ColumnBatch> fillsInReverseInBatches(StreamExecutionEnvironment env) {
        List<VizRow> rows = rowsInReverse();
        List<ColumnBatch> batches = new ArrayList<>();
        for (int i = 0; i < rows.size(); i += 2) {
            batches.add(ColumnBatch.of(RAW, rows.subList(i, Math.min(rows.size(), i + 2)).toArray(new VizRow[0])));
        }
        return env.fromData(batches, new ColumnBatchTypeInfo(RAW));
    }

    private static StreamExecutionEnvironment batchEnv() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setRuntimeMode(RuntimeExecutionMode.BATCH);
        env.setParallelism(2);
        return env;
    }

    private static List<VizRow> collect(DataStream<VizRow> stream) throws Exception {
        List<VizRow> out = new ArrayList<>();
        try (CloseableIterator<VizRow> it = stream.executeAndCollect()) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    @Test
    void shouldEnrichAndAddReturnsPerSymbolInTimeAndRowIdOrder() throws Exception {
        shouldEnrichAndAddReturnsPerSymbol(DailyPipeline.from(fillsInReverse(batchEnv()), "ukey"));
    }

    @Test
    void shouldEnrichAndAddReturnsPerSymbolFromColumnBatches() throws Exception {
        shouldEnrichAndAddReturnsPerSymbol(DailyPipeline.fromBatches(fillsInReverseInBatches(batchEnv()), "ukey"));
    }

    private static void shouldEnrichAndAddReturnsPerSymbol(DailyPipeline raw) throws Exception {
        DailyPipeline day = raw
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                .enrich(List.of(TagRunning.of("trade_count", "count")), FifoMatch.of("side", "qty", "price"))
                .forwardReturns(new long[] {60}, null, "price");
        RowSchema schema = day.schema();

        List<VizRow> out = collect(day.stream());

        assertEquals(List.of("row_id", "ukey", "ticktime", "side", "qty", "price", "elapsed_seconds", "return_60",
                "trade_count", "matched_entry_id", "matched_qty", "holding_period", "is_closed"), schema.names());
        assertPiecesOfTheFills(out, schema);
    }

    /** The pieces of the fills: row id, entry, quantity, holding period, closed, trade count, 60 s return. */
    private static void assertPiecesOfTheFills(List<VizRow> out, RowSchema schema) {
        int id = schema.indexOf("row_id");
        int entry = schema.indexOf("matched_entry_id");
        int qty = schema.indexOf("matched_qty");
        int holding = schema.indexOf("holding_period");
        int closed = schema.indexOf("is_closed");
        int count = schema.indexOf("trade_count");
        int ret = schema.indexOf("return_60");
        List<List<Object>> pieces = new ArrayList<>();
        for (VizRow r : out) {
            pieces.add(java.util.Arrays.asList(
                    r.getLong(id),
                    r.get(entry, ColumnType.LONG),
                    r.getLong(qty),
                    r.get(holding, ColumnType.LONG),
                    r.getBoolean(closed),
                    r.getLong(count),
                    r.get(ret, ColumnType.DOUBLE)));
        }
        pieces.sort(Comparator.<List<Object>, Long>comparing(p -> (Long) p.get(0))
                .thenComparing(p -> p.get(1) == null ? -1L : (Long) p.get(1)));

        assertEquals(List.of(
                java.util.Arrays.asList(1L, 1L, 50L, null, false, 2L, 10.5 / 10.2 - 1),
                java.util.Arrays.asList(2L, 0L, 100L, 60L, true, 3L, 0.0),
                java.util.Arrays.asList(2L, 1L, 50L, 60L, true, 3L, 0.0),
                java.util.Arrays.asList(3L, null, 10L, null, false, 1L, 0.0),
                java.util.Arrays.asList(4L, 4L, 5L, null, false, 2L, 0.0)), pieces);
    }

    @Test
    void shouldHandOnOnlyTheSelectedColumnsOfThePerSymbolSteps() throws Exception {
        for (DailyPipeline raw : fillsAsRowsAndAsBatches()) {
            DailyPipeline day = raw
                    .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                    .enrich(List.of(TagRunning.of("trade_count", "count")), FifoMatch.of("side", "qty", "price"))
                    .forwardReturns(new long[] {60}, null, "price")
                    .select(List.of("is_closed", "matched_qty", "row_id", "return_60", "trade_count",
                            "matched_entry_id", "holding_period"));

            List<VizRow> out = collect(day.stream());

            assertEquals(List.of("is_closed", "matched_qty", "row_id", "return_60", "trade_count",
                    "matched_entry_id", "holding_period"), day.schema().names());
            assertEquals("RowBlock(row_id LONG, ukey LONG, side STRING, qty LONG, price DOUBLE, elapsed_seconds LONG)",
                    shuffled(day.batches().getTransformation()),
                    "the raw time is read by no step and not selected: it does not cross the shuffle");
            assertPiecesOfTheFills(out, day.schema());
        }
    }

    @Test
    void shouldHandOnOnlyTheSelectedColumnsOfTheForwardReturns() throws Exception {
        DailyPipeline day = DailyPipeline.fromBatches(fillsInReverseInBatches(batchEnv()), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                .forwardReturns(new long[] {60, 1_800}, null, "price")
                .select(List.of("return_1800", "row_id"));

        List<VizRow> out = collect(day.stream());

        assertEquals(List.of("return_1800", "row_id"), day.schema().names());
        assertEquals("RowBlock(row_id LONG, ukey LONG, price DOUBLE, elapsed_seconds LONG)",
                shuffled(day.batches().getTransformation()));
        out.sort(Comparator.comparingLong(r -> r.getLong(1)));
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), out.stream().map(r -> r.getLong(1)).toList());
        assertEquals(java.util.Arrays.asList(10.5 / 10.0 - 1, 10.5 / 10.2 - 1, 0.0, 0.0, 0.0),
                out.stream().map(r -> r.get(0, ColumnType.DOUBLE)).toList());
    }

    @Test
    void shouldShuffleTheColumnsATagReadsThoughNoneIsSelected() throws Exception {
        DailyPipeline day = DailyPipeline.fromBatches(fillsInReverseInBatches(batchEnv()), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                .enrich(List.of(TagCondition.of("early", "ticktime < 100000000")), null)
                .select(List.of("row_id", "early"));

        List<VizRow> out = collect(day.stream());

        assertEquals("RowBlock(row_id LONG, ukey LONG, ticktime LONG, elapsed_seconds LONG)",
                shuffled(day.batches().getTransformation()));
        out.sort(Comparator.comparingLong(r -> r.getLong(0)));
        assertEquals(List.of(true, true, true, false, false), out.stream().map(r -> r.getBoolean(1)).toList());
    }

    @Test
    void shouldSelectColumnsWithoutPerSymbolSteps() throws Exception {
        for (DailyPipeline raw : fillsAsRowsAndAsBatches()) {
            DailyPipeline day = raw
                    .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                    .select(List.of("side", "row_id", "elapsed_seconds"))
                    .bin(Map.of("elapsed_seconds", 1_800.0));

            List<VizRow> out = collect(day.stream());

            assertEquals(List.of("side", "row_id", "elapsed_seconds", "elapsed_seconds_bin"), day.schema().names());
            out.sort(Comparator.comparingLong(r -> r.getLong(1)));
            assertEquals(List.of("B", "B", "S", "S", "B"), out.stream().map(r -> r.getString(0)).toList());
            assertEquals(List.of(0L, 0L, 60L, 1_800L, 7_200L), out.stream().map(r -> r.getLong(2)).toList());
            assertEquals(List.of(0L, 0L, 0L, 1L, 4L), out.stream().map(r -> r.getLong(3)).toList());
        }
    }

    @Test
    void shouldRefuseToSelectAnUnknownColumnOrToAddPerSymbolStepsAfterASelect() {
        DailyPipeline day = DailyPipeline.from(fillsInReverse(batchEnv()), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                .forwardReturns(new long[] {60}, null, "price");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> day.select(List.of("row_id", "return_300")));
        assertEquals("unknown column 'return_300'; columns are [row_id, ukey, ticktime, side, qty, price, "
                + "elapsed_seconds, return_60]", unknown.getMessage());
        DailyPipeline selected = day.select(List.of("row_id", "ukey", "side", "qty", "elapsed_seconds"));
        assertThrows(IllegalStateException.class, () -> selected.enrich(List.of(), FifoMatch.of("side", "qty", null)));
    }

    /** The fills as a stream of rows and as a stream of column batches. */
    private static List<DailyPipeline> fillsAsRowsAndAsBatches() {
        return List.of(DailyPipeline.from(fillsInReverse(batchEnv()), "ukey"),
                DailyPipeline.fromBatches(fillsInReverseInBatches(batchEnv()), "ukey"));
    }

    /** The type of the blocks the per-symbol steps are shuffled, found up the plan from {@code t}. */
    private static String shuffled(org.apache.flink.api.dag.Transformation<?> t) {
        if (t.getOutputType() instanceof io.vizflow.row.RowBlockTypeInfo) return t.getOutputType().toString();
        for (org.apache.flink.api.dag.Transformation<?> in : t.getInputs()) {
            String found = shuffled(in);
            if (found != null) return found;
        }
        return null;
    }

    @Test
    void shouldParseAndBinColumnBatchesRowByRowWithoutPerSymbolSteps() throws Exception {
        DailyPipeline day = DailyPipeline.fromBatches(fillsInReverseInBatches(batchEnv()), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                .bin(Map.of("elapsed_seconds", 1_800.0));
        RowSchema schema = day.schema();

        List<VizRow> out = collect(day.stream());

        out.sort(Comparator.comparingLong(r -> r.getLong(0)));
        int elapsed = schema.indexOf("elapsed_seconds");
        int bin = schema.indexOf("elapsed_seconds_bin");
        assertEquals(List.of(0L, 1L, 2L, 3L, 4L), out.stream().map(r -> r.getLong(0)).toList());
        assertEquals(List.of(0L, 0L, 60L, 1_800L, 7_200L), out.stream().map(r -> r.getLong(elapsed)).toList());
        assertEquals(List.of(0L, 0L, 0L, 1L, 4L), out.stream().map(r -> r.getLong(bin)).toList());
        assertEquals(List.of("B", "B", "S", "S", "B"), out.stream().map(r -> r.getString(3)).toList());
    }

    @Test
    void shouldAddReturnsAndBinsWithoutEnrichment() throws Exception {
        DailyPipeline day = DailyPipeline.from(fillsInReverse(batchEnv()), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE)
                .forwardReturns(new long[] {60}, null, "price")
                .bin(Map.of("elapsed_seconds", 1_800.0));
        RowSchema schema = day.schema();

        List<VizRow> out = collect(day.stream());

        out.sort(Comparator.comparingLong(r -> r.getLong(0)));
        int elapsed = schema.indexOf("elapsed_seconds");
        int bin = schema.indexOf("elapsed_seconds_bin");
        int ret = schema.indexOf("return_60");
        assertEquals(List.of(0L, 0L, 60L, 1_800L, 7_200L), out.stream().map(r -> r.getLong(elapsed)).toList());
        assertEquals(List.of(0L, 0L, 0L, 1L, 4L), out.stream().map(r -> r.getLong(bin)).toList());
        assertEquals(List.of(10.5 / 10.0 - 1, 10.5 / 10.2 - 1, 0.0, 0.0, 0.0),
                out.stream().map(r -> r.getDouble(ret)).toList());
    }

    @Test
    void shouldHandColumnBatchesOnBeforeAndAfterThePerSymbolSteps() {
        DailyPipeline parsed = DailyPipeline.fromBatches(fillsInReverseInBatches(batchEnv()), "ukey")
                .parseTime("ticktime", Market.CN, TimeFormat.HHMMSSMMM, TRADING_DATE, FILE);
        assertEquals(ParseTime.outputSchema(RAW), ColumnBatchTypeInfo.schemaOf(parsed.batches().getType()));
        DailyPipeline withReturns = parsed.forwardReturns(new long[] {60}, null, "price");
        assertEquals(withReturns.schema(), ColumnBatchTypeInfo.schemaOf(withReturns.batches().getType()));
        assertEquals(List.of("return_60"), withReturns.schema().names().subList(ParseTime.outputSchema(RAW).size(),
                withReturns.schema().size()));
    }

    @Test
    void shouldRefusePerSymbolStepsBeforeParseTime() {
        DailyPipeline day = DailyPipeline.from(fillsInReverse(batchEnv()), "ukey");
        assertThrows(IllegalStateException.class, () -> day.forwardReturns(new long[] {60}, null, "price"));
        assertThrows(IllegalStateException.class, () -> day.enrich(List.of(), FifoMatch.of("side", "qty", "price")));
    }

    @Test
    void shouldRefuseAStreamWithoutRowIds() {
        RowSchema noRowId = RowSchema.empty().with("ukey", ColumnType.LONG);
        DataStream<VizRow> rows = batchEnv().fromData(List.of(new VizRow(1).setLong(0, 1)), new VizRowTypeInfo(noRowId));
        assertThrows(IllegalArgumentException.class, () -> DailyPipeline.from(rows, "ukey"));
        assertThrows(IllegalArgumentException.class, () -> DailyPipeline.from(fillsInReverse(batchEnv()), "symbol"));
    }
}
