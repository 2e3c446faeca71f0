package io.vizflow.partial;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.BooleanType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.Type;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** A date's partial appears atomically (CONTRACT section 6). */
class PartialCommitTest {
    private static final LocalDate TRADING_DATE = LocalDate.of(2024, 1, 2);
    private static final RowType PARTIAL = RowType.of(
            new LogicalType[] {new BigIntType(), new VarCharType(VarCharType.MAX_LENGTH), new BooleanType(),
                new BigIntType(), new DoubleType()},
            new String[] {"alpha1_bin", "side", "is_closed", "count", "sum_notional"});

    @TempDir
    Path output;

    private Path dateDir() {
        return output.resolve("date=20240102");
    }

    private static List<String> namesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().collect(Collectors.toList());
        }
    }

    @Test
    void shouldPublishTheStagedFilesAsNumberedPartsWithSuccess() throws IOException {
        List<Path> published;
        try (PartialCommit commit = PartialCommit.begin(output, TRADING_DATE)) {
            Files.writeString(commit.staging().resolve("b-1.parquet"), "second");
            Files.writeString(commit.staging().resolve("a-0.parquet"), "first");
            Files.writeString(commit.staging().resolve(".a-0.parquet.crc"), "checksum");
            assertFalse(Files.exists(dateDir()), "nothing is visible before the commit");

            published = commit.commit(PARTIAL);
        }

        assertEquals(List.of(dateDir().resolve("part-00000.parquet"), dateDir().resolve("part-00001.parquet")), published);
        assertEquals(List.of("_SUCCESS", "part-00000.parquet", "part-00001.parquet"), namesIn(dateDir()));
        assertEquals("first", Files.readString(dateDir().resolve("part-00000.parquet")));
        assertEquals("second", Files.readString(dateDir().resolve("part-00001.parquet")));
        assertTrue(PartialLayout.isComplete(output, TRADING_DATE));
        assertEquals(List.of("date=20240102"), namesIn(output), "the staging folder is gone");
    }

    @Test
    void shouldLeaveNothingWhenClosedWithoutCommit() throws IOException {
        Path staging;
        try (PartialCommit commit = PartialCommit.begin(output, TRADING_DATE)) {
            staging = commit.staging();
            Files.writeString(staging.resolve("part-0.parquet"), "half written");
        }

        assertFalse(Files.exists(staging));
        assertEquals(List.of(), namesIn(output));
        assertFalse(PartialLayout.isComplete(output, TRADING_DATE));
    }

    @Test
    void shouldReplaceAnEarlierPartialOfTheDate() throws IOException {
        try (PartialCommit first = PartialCommit.begin(output, TRADING_DATE)) {
            Files.writeString(first.staging().resolve("x.parquet"), "old 0");
            Files.writeString(first.staging().resolve("y.parquet"), "old 1");
            first.commit(PARTIAL);
        }
        try (PartialCommit rerun = PartialCommit.begin(output, TRADING_DATE)) {
            Files.writeString(rerun.staging().resolve("z.parquet"), "new");
            rerun.commit(PARTIAL);
        }

        assertEquals(List.of("_SUCCESS", "part-00000.parquet"), namesIn(dateDir()));
        assertEquals("new", Files.readString(dateDir().resolve("part-00000.parquet")));
        assertEquals(List.of("date=20240102"), namesIn(output), "no staging or replaced folder is left");
    }

    @Test
    void shouldKeepTheEarlierPartialWhenARerunFails() throws IOException {
        try (PartialCommit first = PartialCommit.begin(output, TRADING_DATE)) {
            Files.writeString(first.staging().resolve("x.parquet"), "old");
            first.commit(PARTIAL);
        }
        try (PartialCommit failed = PartialCommit.begin(output, TRADING_DATE)) {
            Files.writeString(failed.staging().resolve("x.parquet"), "half written");
        }

        assertEquals(List.of("_SUCCESS", "part-00000.parquet"), namesIn(dateDir()));
        assertEquals("old", Files.readString(dateDir().resolve("part-00000.parquet")));
        assertEquals(List.of("date=20240102"), namesIn(output));
    }

    @Test
    void shouldWriteAnEmptyParquetFileWithTheSchemaWhenThereAreNoRows() throws IOException {
        List<Path> published;
        try (PartialCommit commit = PartialCommit.begin(output, TRADING_DATE)) {
            published = commit.commit(PARTIAL);
        }

        Path part = dateDir().resolve("part-00000.parquet");
        assertEquals(List.of(part), published);
        assertEquals(List.of("_SUCCESS", "part-00000.parquet"), namesIn(dateDir()));
        try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(part))) {
            assertEquals(0, reader.getRecordCount());
            MessageType schema = reader.getFooter().getFileMetaData().getSchema();
            assertEquals(List.of("alpha1_bin", "side", "is_closed", "count", "sum_notional"),
                    schema.getFields().stream().map(Type::getName).toList());
            assertEquals(PrimitiveType.PrimitiveTypeName.INT64, schema.getType("alpha1_bin").asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveType.PrimitiveTypeName.BINARY, schema.getType("side").asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveType.PrimitiveTypeName.BOOLEAN, schema.getType("is_closed").asPrimitiveType().getPrimitiveTypeName());
            assertEquals(PrimitiveType.PrimitiveTypeName.DOUBLE, schema.getType("sum_notional").asPrimitiveType().getPrimitiveTypeName());
        }
    }

    @Test
    void shouldNameTheDateFolderYyyymmdd() {
        assertEquals(output.resolve("date=20241231"), PartialLayout.dateDir(output, LocalDate.of(2024, 12, 31)));
        assertEquals("_SUCCESS", PartialLayout.SUCCESS);
    }
}
