package io.vizflow.source;

import io.vizflow.row.ColumnType;
import io.vizflow.row.VizRow;

import org.apache.arrow.memory.RootAllocator;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rows per symbol that the keyed stage's placement is planned with. */
class SymbolSampleTest {
    private static Map<Object, Long> exact(Path file, ColumnType type) throws Exception {
        List<InputColumn> cols = List.of(InputColumn.of("ukey", type, true));
        Map<Object, Long> n = new HashMap<>();
        try (RootAllocator allocator = new RootAllocator()) {
            for (VizRow r : Fixtures.readAll(file, cols, 1000, allocator)) {
                n.merge(type == ColumnType.LONG ? (Object) r.getLong(0) : r.getString(0), 1L, Long::sum);
            }
        }
        return n;
    }

    @Test
    void everyBatchOfASmallFileIsCountedExactly() throws Exception {
        for (String fixture : List.of("day_lz4.feather", "day_string_ukey_lz4.feather")) {
            ColumnType type = fixture.contains("string") ? ColumnType.STRING : ColumnType.LONG;
            Path file = Fixtures.path(fixture);
            assertEquals(exact(file, type), SymbolSample.of(FeatherFile.open(file), "ukey", type), fixture);
        }
    }

    @Test
    void aSampleOfSomeBatchesIsScaledToTheWholeFile() throws Exception {
        Path file = Fixtures.path("day_lz4.feather"); // 8 batches: every 4th is read (2 of them)
        Map<Object, Long> sample = SymbolSample.of(FeatherFile.open(file), "ukey", ColumnType.LONG, 2);
        long rows = sample.values().stream().mapToLong(Long::longValue).sum();
        assertTrue(Math.abs(rows - 3000) <= sample.size(), "scaled to ~3000 rows: " + rows);
        assertTrue(exact(file, ColumnType.LONG).keySet().containsAll(sample.keySet()));
    }
}
