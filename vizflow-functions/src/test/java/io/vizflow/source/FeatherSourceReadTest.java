package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowTypeInfo;
import org.apache.arrow.memory.RootAllocator;
import org.apache.flink.api.connector.source.Boundedness;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The source's split reader, outside Flink: values, row ids, splits, errors and memory. */
class FeatherSourceReadTest {
    private static final long ONE_SPLIT = Long.MAX_VALUE;

    private RootAllocator allocator;

    @BeforeEach
    void createAllocator() {
        allocator = new RootAllocator();
    }

    @AfterEach
    void everyArrowBufferIsReleased() {
        assertEquals(0, allocator.getAllocatedMemory(), "Arrow memory leaked");
        allocator.close();
    }

    private List<VizRow> read(String fixture, List<InputColumn> columns, long rowsPerSplit) throws IOException {
        return Fixtures.readAll(Fixtures.path(fixture), columns, rowsPerSplit, allocator);
    }

    private static InputColumn col(String name, ColumnType type) {
        return InputColumn.of(name, type, false);
    }

    // ---- values ----

    @ParameterizedTest
    @ValueSource(strings = {"day_lz4.feather", "day_zstd.feather", "day_uncompressed.feather",
        "day_string_ukey_lz4.feather"})
    void readsEveryValueAsPyarrowWroteIt(String fixture) throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf(fixture, true);
        List<VizRow> rows = read(fixture, columns, ONE_SPLIT);
        Fixtures.assertMatchesExpected(fixture, columns, rows);
        for (int i = 0; i < rows.size(); i++) {
            assertEquals(i, rows.get(i).getLong(columns.size()), "rows come in file order");
        }
    }

    @Test
    void lz4ZstdAndUncompressedFilesGiveTheSameRows() throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf("day_lz4.feather", false);
        List<VizRow> lz4 = read("day_lz4.feather", columns, ONE_SPLIT);
        assertEquals(lz4, read("day_zstd.feather", columns, 700));
        assertEquals(lz4, read("day_uncompressed.feather", columns, 1));
    }

    @Test
    void readsDictionaryTimestampSmallIntegerFloatBooleanAndNullColumns() throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf("types_lz4.feather", false, "u64");
        List<VizRow> rows = read("types_lz4.feather", columns, 1000);
        Fixtures.assertMatchesExpected("types_lz4.feather", columns, rows);
    }

    @Test
    void decodesEachDictionaryEntryOnce() throws IOException {
        List<VizRow> rows = read("types_lz4.feather", List.of(col("sym", ColumnType.STRING)), 1000);
        Map<String, String> first = new HashMap<>();
        int shared = 0;
        for (VizRow r : rows) {
            if (r.isNull(0)) continue;
            String s = r.getString(0);
            String seen = first.putIfAbsent(s, s);
            if (seen != null) {
                assertSame(seen, s, "one String per dictionary entry");
                shared++;
            }
        }
        assertTrue(shared > 2000);
    }

    @Test
    void renamesColumnsAndPutsRowIdLast() throws IOException {
        FeatherSource source = new FeatherSource("x.feather", List.of(
                new InputColumn("ticktime", "timestamp", ColumnType.LONG, true),
                new InputColumn("mid", "price", ColumnType.DOUBLE, true),
                new InputColumn("ukey", "symbol", ColumnType.LONG, true)));
        RowSchema expected = RowSchema.empty().with("timestamp", ColumnType.LONG).with("price", ColumnType.DOUBLE)
                .with("symbol", ColumnType.LONG).with("row_id", ColumnType.LONG);
        assertEquals(expected, source.schema());
        assertEquals(new VizRowTypeInfo(expected), source.getProducedType());
        assertEquals(Boundedness.BOUNDED, source.getBoundedness());

        List<VizRow> rows = read("day_lz4.feather", source.columns(), ONE_SPLIT);
        VizRow r = rows.get(1234);
        var sample = Fixtures.expected("day_lz4.feather").get("samples").get("1234");
        assertEquals(sample.get("ticktime").asLong(), r.getLong(0));
        assertEquals(Double.parseDouble(sample.get("mid").asText()), r.getDouble(1));
        assertEquals(sample.get("ukey").asLong(), r.getLong(2));
        assertEquals(1234, r.getLong(3));
        assertTrue(r.width() >= 4, "a row has room for the 4 columns of the schema");
    }

    @Test
    void readsIntegersAsDoublesAndTheSameColumnTwice() throws IOException {
        List<VizRow> rows = read("types_lz4.feather", List.of(
                col("i32", ColumnType.LONG), new InputColumn("i32", "i32_as_double", ColumnType.DOUBLE, false),
                col("u32", ColumnType.LONG), new InputColumn("u32", "u32_as_double", ColumnType.DOUBLE, false),
                new InputColumn("u64", "u64_as_double", ColumnType.DOUBLE, false)), ONE_SPLIT);
        assertEquals(-2147483648L, rows.get(0).getLong(0));
        assertEquals(4294967295L, rows.get(1).getLong(2));
        assertEquals(18446744073709551615.0, rows.get(1).getDouble(4));
        for (VizRow r : rows) {
            assertEquals((double) r.getLong(0), r.getDouble(1));
            assertEquals((double) r.getLong(2), r.getDouble(3));
        }
    }

    @Test
    void readsBuffersOfLinkedLz4Blocks() throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf("linked_blocks_lz4.feather", true);
        Fixtures.assertMatchesExpected("linked_blocks_lz4.feather", columns,
                read("linked_blocks_lz4.feather", columns, ONE_SPLIT));
    }

    @Test
    void aFileWithoutRowsGivesNoSplitsAndNoRows() throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf("zero_rows.feather", true);
        FeatherSource source = new FeatherSource(Fixtures.path("zero_rows.feather").toString(), columns);
        assertEquals(List.of(), source.planSplits());
        assertEquals(List.of(), read("zero_rows.feather", columns, ONE_SPLIT));
    }

    // ---- splits and row ids ----

    @Test
    void groupsConsecutiveBatchesIntoSplitsWithTheirFirstRowIds() {
        FeatherSource source = new FeatherSource(Fixtures.path("day_lz4.feather").toString(),
                List.of(col("qty", ColumnType.LONG))).withRowsPerSplit(1000);
        List<FeatherSplit> splits = source.planSplits();
        // batches of 400 rows (the last 200): 3 + 3 + 2 batches
        assertEquals(3, splits.size());
        assertEquals(List.of(0, 3, 6), splits.stream().map(FeatherSplit::firstBatch).toList());
        assertEquals(List.of(3, 6, 8), splits.stream().map(FeatherSplit::endBatch).toList());
        assertEquals(List.of(0L, 1200L, 2400L), splits.stream().map(FeatherSplit::firstRowId).toList());
        assertEquals(List.of(1200L, 1200L, 600L), splits.stream().map(FeatherSplit::rowCount).toList());
        assertEquals(8, FeatherSplitEnumerator.plan("f", new long[] {5, 5, 5, 5, 5, 5, 5, 5}, 1).size());
        assertEquals(1, FeatherSplitEnumerator.plan("f", new long[] {5, 5, 5}, 1 << 20).size());
    }

    @Test
    void rowIdsRunAcrossSplitsReadInAnyOrder() throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf("day_string_ukey_lz4.feather", true);
        FeatherSource source = new FeatherSource(Fixtures.path("day_string_ukey_lz4.feather").toString(), columns)
                .withRowsPerSplit(1);
        List<FeatherSplit> splits = new ArrayList<>(source.planSplits());
        assertEquals(5, splits.size()); // 700-row batches
        java.util.Collections.reverse(splits);
        List<VizRow> rows = Fixtures.readSplits(splits, columns, allocator, 333);
        Fixtures.assertMatchesExpected("day_string_ukey_lz4.feather", columns, rows);
        assertEquals(2800, rows.get(0).getLong(columns.size()), "the last split was read first");
    }

    @Test
    void aRestoredSplitResumesAfterTheRowsAlreadyEmitted() throws IOException {
        FeatherSource source = new FeatherSource(Fixtures.path("day_lz4.feather").toString(),
                List.of(col("ticktime", ColumnType.LONG))).withRowsPerSplit(1000);
        FeatherSplit second = source.planSplits().get(1); // rows 1200..2399, batches 3..5
        List<VizRow> all = read("day_lz4.feather", source.columns(), ONE_SPLIT);
        for (long done : new long[] {0, 1, 399, 400, 450, 1199, 1200}) {
            List<VizRow> rows = Fixtures.readSplits(List.of(second.withRowsDone(done)), source.columns(), allocator, 128);
            assertEquals(1200 - done, rows.size(), "rows left after " + done);
            for (VizRow r : rows) {
                long id = r.getLong(1);
                assertEquals(all.get((int) id), r);
            }
            if (!rows.isEmpty()) assertEquals(1200 + done, rows.get(0).getLong(1));
        }
    }

    // ---- rows handed from the fetcher to the task thread ----

    @Test
    void theRowEmitterReusesOneRowAndClosesEachBatchAfterItsLastSlice() throws Exception {
        // nulls, dictionary strings and booleans change from row to row: a value left from the row
        // before in the same object would show
        List<InputColumn> columns = Fixtures.columnsOf("types_lz4.feather", false, "u64");
        List<VizRow> fresh = read("types_lz4.feather", columns, ONE_SPLIT);
        FeatherSource source = new FeatherSource(Fixtures.path("types_lz4.feather").toString(), columns);
        FeatherSourceReader.Rows emitter = new FeatherSourceReader.Rows(source.schema(), 7);
        FeatherSourceReader.SplitState state = new FeatherSourceReader.SplitState(source.planSplits().get(0));
        List<VizRow> emitted = new ArrayList<>();
        java.util.Set<VizRow> objects = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Collect<VizRow> out = row -> {
            objects.add(row);
            emitted.add(row.copy());
        };
        emitAll(source, columns, emitter, out, state, () -> emitted.size() < fresh.size());
        assertEquals(fresh, emitted);
        assertEquals(fresh.size(), state.emitted);
        assertEquals(1, objects.size(), "one row, reused");
    }

    @Test
    void theBatchEmitterReusesOneBatchWhoseRowsAreTheFilesInOrder() throws Exception {
        // the same file as above: nulls set in one slice must not stay in the next
        List<InputColumn> columns = Fixtures.columnsOf("types_lz4.feather", false, "u64");
        List<VizRow> fresh = read("types_lz4.feather", columns, ONE_SPLIT);
        FeatherSource source = new FeatherSource(Fixtures.path("types_lz4.feather").toString(), columns);
        FeatherSourceReader.Batches emitter = new FeatherSourceReader.Batches(source.schema(), 7);
        FeatherSourceReader.SplitState state = new FeatherSourceReader.SplitState(source.planSplits().get(0));
        List<VizRow> emitted = new ArrayList<>();
        java.util.Set<ColumnBatch> objects = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        Collect<ColumnBatch> out = batch -> {
            objects.add(batch);
            for (int i = 0; i < batch.size(); i++) emitted.add(batch.row(i, VizRow.withHeadroom(batch.width())));
        };
        emitAll(source, columns, emitter, out, state, () -> emitted.size() < fresh.size());
        assertEquals(fresh, emitted);
        assertEquals(fresh.size(), state.emitted);
        assertEquals(1, objects.size(), "one batch, reused");
    }

    /** Emits slices of 7 rows of the source's one split until {@code more} says enough. */
    private <T> void emitAll(FeatherSource source, List<InputColumn> columns,
                             org.apache.flink.connector.base.source.reader.RecordEmitter<BatchSlice, T,
                                     FeatherSourceReader.SplitState> emitter,
                             org.apache.flink.api.connector.source.SourceOutput<T> out,
                             FeatherSourceReader.SplitState state, java.util.function.BooleanSupplier more)
            throws Exception {
        try (FeatherSplitReader reader = new FeatherSplitReader(columns, allocator, 7)) {
            reader.handleSplitsChanges(new org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition<>(
                    source.planSplits()));
            while (more.getAsBoolean()) {
                org.apache.flink.connector.base.source.reader.RecordsWithSplitIds<BatchSlice> records = reader.fetch();
                while (records.nextSplit() != null) {
                    BatchSlice slice;
                    while ((slice = records.nextRecordFromSplit()) != null) {
                        emitter.emitRecord(slice, out, state);
                        assertEquals(slice.last(), slice.batch().isClosed(), "closed after its last slice only");
                    }
                }
            }
        }
    }

    @Test
    void batchesLoadedButNotEmittedAreFreedWhenTheReaderCloses() throws IOException {
        List<InputColumn> columns = Fixtures.columnsOf("day_lz4.feather", false);
        FeatherSource source = new FeatherSource(Fixtures.path("day_lz4.feather").toString(), columns);
        BatchSlice first;
        try (FeatherSplitReader reader = new FeatherSplitReader(columns, allocator, 100)) {
            reader.handleSplitsChanges(new org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition<>(
                    source.planSplits()));
            org.apache.flink.connector.base.source.reader.RecordsWithSplitIds<BatchSlice> records = reader.fetch();
            records.nextSplit();
            first = records.nextRecordFromSplit();
            reader.fetch(); // a second batch, loaded meanwhile
            assertTrue(allocator.getAllocatedMemory() > 0);
            ColumnBatch rows = new ColumnBatch(source.schema(), 1);
            first.batch().convert(first.from(), 1, rows); // a job failing here leaves both batches loaded
        }
        assertEquals(0, allocator.getAllocatedMemory(), "freed by the reader's close");
        ColumnBatch rows = new ColumnBatch(source.schema(), 1);
        assertThrows(IllegalStateException.class, () -> first.batch().convert(first.from(), 1, rows));
    }

    /** A source output that only collects. */
    private interface Collect<T> extends org.apache.flink.api.connector.source.SourceOutput<T> {
        @Override
        default void collect(T record, long timestamp) {
            collect(record);
        }

        @Override
        default void emitWatermark(org.apache.flink.api.common.eventtime.Watermark watermark) {
        }

        @Override
        default void markIdle() {
        }

        @Override
        default void markActive() {
        }
    }

    @Test
    void splitsAndEnumeratorStateSurviveSerialization() throws IOException {
        FeatherSplit split = new FeatherSplit("/data/raw/fills_20240102.feather", 3, 6, 1200, 1200, 17);
        FeatherSplitSerializer ss = FeatherSplitSerializer.INSTANCE;
        assertEquals(split, ss.deserialize(ss.getVersion(), ss.serialize(split)));
        assertEquals("batches 3-5", split.splitId());

        FeatherEnumeratorState state = new FeatherEnumeratorState(List.of(split,
                new FeatherSplit("/data/raw/fills_20240102.feather", 6, 8, 2400, 600, 0)));
        FeatherEnumeratorStateSerializer es = FeatherEnumeratorStateSerializer.INSTANCE;
        assertEquals(state, es.deserialize(es.getVersion(), es.serialize(state)));
        assertEquals(new FeatherEnumeratorState(List.of()),
                es.deserialize(es.getVersion(), es.serialize(new FeatherEnumeratorState(List.of()))));
        assertThrows(IOException.class, () -> ss.deserialize(99, ss.serialize(split)));
    }

    // ---- memory ----

    @Test
    void readsOnlyTheRequestedColumnsAndAboutOneBatchAtATime() throws IOException {
        read("day_uncompressed.feather", List.of(col("qty", ColumnType.LONG)), ONE_SPLIT);
        long oneColumn = allocator.getPeakMemoryAllocation();
        try (RootAllocator all = new RootAllocator()) {
            Fixtures.readAll(Fixtures.path("day_uncompressed.feather"),
                    Fixtures.columnsOf("day_uncompressed.feather", false), ONE_SPLIT, all);
            long allColumns = all.getPeakMemoryAllocation();
            assertTrue(oneColumn * 4 < allColumns, "one column " + oneColumn + " B, all " + allColumns + " B");
            // a 400-row batch of 7 columns is about 22 KB; the file is 164 KB
            assertTrue(allColumns < 80_000, "peak " + allColumns + " B");
        }
    }

    // ---- errors ----

    private BadInputException readFails(String fixture, List<InputColumn> columns) {
        return assertThrows(BadInputException.class, () -> read(fixture, columns, ONE_SPLIT));
    }

    private BadInputException splitReaderFails(String fixture, List<InputColumn> columns) {
        FeatherSplit whole = new FeatherSplit(Fixtures.path(fixture).toString(), 0,
                FeatherFile.open(Fixtures.path(fixture)).batchCount(), 0, 1, 0);
        return assertThrows(BadInputException.class, () -> Fixtures.readSplits(List.of(whole), columns, allocator, 1000));
    }

    @Test
    void aNullInARequiredColumnNamesFileColumnAndRow() {
        Path p = Fixtures.path("types_lz4.feather");
        long row = Fixtures.expected("types_lz4.feather").get("first_null_row").get("qty_nulls").asLong();
        List<InputColumn> columns = List.of(col("i8", ColumnType.LONG), InputColumn.of("qty_nulls", ColumnType.LONG, true));
        BadInputException e = splitReaderFails("types_lz4.feather", columns);
        assertEquals(p + ": column 'qty_nulls' row " + row + ": null value in a required column", e.getMessage());
    }

    @Test
    void aColumnOfTheWrongTypeIsNamedWithItsType() {
        Path p = Fixtures.path("day_lz4.feather");
        assertEquals(p + ": column 'side' is Utf8, expected an integer or timestamp column",
                readFails("day_lz4.feather", List.of(col("side", ColumnType.LONG))).getMessage());
        assertEquals(p + ": column 'side' is Utf8, expected an integer or timestamp column",
                splitReaderFails("day_lz4.feather", List.of(col("side", ColumnType.LONG))).getMessage());
        assertEquals(p + ": column 'price' is float64, expected a string column (Utf8, LargeUtf8 or "
                        + "dictionary-encoded strings)",
                readFails("day_lz4.feather", List.of(col("price", ColumnType.STRING))).getMessage());
        Path t = Fixtures.path("types_lz4.feather");
        assertEquals(t + ": column 'sym' is dictionary<int32, Utf8>, expected an integer or timestamp column",
                readFails("types_lz4.feather", List.of(col("sym", ColumnType.LONG))).getMessage());
        assertEquals(t + ": column 'u64' is uint64, which does not fit a signed 64-bit integer",
                readFails("types_lz4.feather", List.of(col("u64", ColumnType.LONG))).getMessage());
        assertEquals(t + ": column 'lst' is List, expected a floating-point or integer column",
                readFails("types_lz4.feather", List.of(col("lst", ColumnType.DOUBLE))).getMessage());
        assertEquals(t + ": column 'flag' is Bool, expected a floating-point or integer column",
                readFails("types_lz4.feather", List.of(col("flag", ColumnType.DOUBLE))).getMessage());
    }

    @Test
    void aMissingColumnIsNamed() {
        Path p = Fixtures.path("day_lz4.feather");
        String expected = "file " + p + " has no column 'price2'; columns are [ticktime, ukey, side, qty, price, mid, alpha1]";
        assertEquals(expected, readFails("day_lz4.feather", List.of(col("price2", ColumnType.DOUBLE))).getMessage());
        assertEquals(expected, splitReaderFails("day_lz4.feather", List.of(col("price2", ColumnType.DOUBLE))).getMessage());
    }

    @Test
    void corruptLz4DataNamesFileColumnAndRows() {
        Path p = Fixtures.path("corrupt_lz4.feather");
        BadInputException e = readFails("corrupt_lz4.feather", List.of(col("qty", ColumnType.LONG), col("ticktime", ColumnType.LONG)));
        assertTrue(e.getMessage().startsWith(p + ": column 'ticktime', record batch 0 (rows 0 to 399): corrupt compressed data: LZ4 "),
                e.getMessage());
        // the other columns of the file are fine
        assertEquals(3000, assertDoesNotFail(() -> read("corrupt_lz4.feather", List.of(col("qty", ColumnType.LONG)), ONE_SPLIT)).size());
    }

    private static <T> T assertDoesNotFail(org.junit.jupiter.api.function.ThrowingSupplier<T> s) {
        return org.junit.jupiter.api.Assertions.assertDoesNotThrow(s);
    }

    @Test
    void filesThatAreNotArrowFailBeforeReading() {
        for (String f : new String[] {"empty.feather", "not_arrow.feather", "truncated.feather", "feather_v1.feather"}) {
            BadInputException e = readFails(f, List.of(col("ticktime", ColumnType.LONG)));
            assertTrue(e.getMessage().startsWith(Fixtures.path(f) + ": "), e.getMessage());
        }
        Path missing = Fixtures.path("day_lz4.feather").resolveSibling("fills_20240102.feather");
        BadInputException e = assertThrows(BadInputException.class,
                () -> new FeatherSource(missing.toString(), List.of(col("ticktime", ColumnType.LONG))).planSplits());
        assertEquals(missing + ": no such file", e.getMessage());
        e = assertThrows(BadInputException.class, () -> new FeatherBatchReader(missing, List.of(), allocator));
        assertEquals(missing + ": no such file", e.getMessage());
    }

    @Test
    void theRowIdNameIsReserved() {
        BadInputException e = assertThrows(BadInputException.class, () -> new FeatherSource("f.feather",
                List.of(new InputColumn("ukey", "row_id", ColumnType.LONG, true))));
        assertTrue(e.getMessage().contains("reserved"), e.getMessage());
        assertNotNull(new FeatherSource("f.feather", List.of()).schema());
    }
}
