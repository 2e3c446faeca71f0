package io.vizflow.source;

import com.fasterxml.jackson.databind.JsonNode;
import io.vizflow.BadInputException;
import org.apache.arrow.vector.types.FloatingPointPrecision;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FeatherFileTest {

    private static long[] expectedBatchRows(String fixture) {
        JsonNode rows = Fixtures.expected(fixture).get("batch_rows");
        long[] r = new long[rows.size()];
        for (int i = 0; i < r.length; i++) r[i] = rows.get(i).asLong();
        return r;
    }

    @Test
    void readsRowAndBatchCountsFromTheMetadataOnly() {
        FeatherFile f = FeatherFile.open(Fixtures.path("day_lz4.feather"));
        assertEquals(3000, f.rowCount());
        assertEquals(8, f.batchCount());
        assertArrayEquals(expectedBatchRows("day_lz4.feather"), f.batchRowCounts());
        assertEquals(java.util.List.of("ticktime", "ukey", "side", "qty", "price", "mid", "alpha1"),
                f.schema().getFields().stream().map(x -> x.getName()).toList());
        assertEquals(new ArrowType.Int(64, true), f.typeOf("ticktime"));
        assertEquals(new ArrowType.FloatingPoint(FloatingPointPrecision.DOUBLE), f.typeOf("price"));
        assertEquals(ArrowType.Utf8.INSTANCE, f.typeOf("side"));
    }

    @Test
    void describesTimestampAndDictionaryColumns() {
        FeatherFile f = FeatherFile.open(Fixtures.path("types_lz4.feather"));
        assertEquals(2500, f.rowCount());
        assertArrayEquals(expectedBatchRows("types_lz4.feather"), f.batchRowCounts());
        assertEquals(new ArrowType.Timestamp(TimeUnit.NANOSECOND, "Asia/Shanghai"), f.typeOf("ts"));
        assertEquals(ArrowType.Utf8.INSTANCE, f.typeOf("sym"));
        assertNotNull(f.field("sym").getDictionary());
        assertEquals(new ArrowType.Int(32, true), f.field("sym").getDictionary().getIndexType());
        assertEquals("dictionary<int32, Utf8>", ColumnConverter.describe(f.field("sym")));
        assertEquals("timestamp[ns, tz=Asia/Shanghai]", ColumnConverter.describe(f.field("ts")));
    }

    @Test
    void aFileWithoutRowsHasNoBatches() {
        FeatherFile f = FeatherFile.open(Fixtures.path("zero_rows.feather"));
        assertEquals(0, f.rowCount());
        assertEquals(0, f.batchCount());
        assertEquals(7, f.schema().getFields().size());
    }

    @Test
    void anUnknownColumnIsNamedWithTheColumnsThatExist() {
        FeatherFile f = FeatherFile.open(Fixtures.path("day_lz4.feather"));
        BadInputException e = assertThrows(BadInputException.class, () -> f.typeOf("tick_time"));
        assertEquals("file " + Fixtures.path("day_lz4.feather") + " has no column 'tick_time'; columns are "
                + "[ticktime, ukey, side, qty, price, mid, alpha1]", e.getMessage());
    }

    private static String openFails(Path p) {
        return assertThrows(BadInputException.class, () -> FeatherFile.open(p)).getMessage();
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        Path p = dir.resolve("fills_20240102.feather");
        assertEquals(p + ": no such file", openFails(p));
    }

    @Test
    void aFileThatCannotBeOpenedFailsTheCheckAsItFailsToOpen(@TempDir Path dir) {
        Path p = dir.resolve("fills_20240102.feather");
        assertEquals(p + ": no such file", assertThrows(BadInputException.class, () -> FeatherFile.requireReadable(p)).getMessage());
        assertTrue(assertThrows(BadInputException.class, () -> FeatherFile.requireReadable(dir)).getMessage()
                .endsWith("is a directory, not a file"));
        FeatherFile.requireReadable(Fixtures.path("empty.feather")); // opened, not read: open() names what is wrong
    }

    @Test
    void anEmptyFileIsNamed() {
        Path p = Fixtures.path("empty.feather");
        assertEquals(p + ": file is empty", openFails(p));
    }

    @Test
    void aDirectoryIsRefused(@TempDir Path dir) {
        assertTrue(openFails(dir).endsWith("is a directory, not a file"));
    }

    @Test
    void otherFormatsAreNotArrowIpcFiles() {
        Path text = Fixtures.path("not_arrow.feather");
        assertEquals(text + ": not an Arrow IPC (Feather v2) file", openFails(text));
        Path v1 = Fixtures.path("feather_v1.feather");
        assertEquals(v1 + ": not an Arrow IPC (Feather v2) file (it is a Feather v1 file; rewrite it with "
                + "pyarrow.feather.write_feather, version 2)", openFails(v1));
        Path parquet = Fixtures.path("parquet_file.feather");
        assertEquals(parquet + ": not an Arrow IPC (Feather v2) file (it looks like a Parquet file)", openFails(parquet));
    }

    @Test
    void aTruncatedFileIsReportedAsTruncated() {
        Path p = Fixtures.path("truncated.feather");
        String m = openFails(p);
        assertTrue(m.startsWith(p + ": truncated Arrow IPC file"), m);
    }
}
