package io.vizflow.consolidate;

import io.vizflow.BadInputException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConsolidatedManifestTest {
    @TempDir
    Path dir;

    @Test
    void shouldWriteAndReadBackTheSameManifest() throws Exception {
        TreeMap<String, ConsolidatedManifest.DateEntry> dates = new TreeMap<>();
        dates.put("20240103", new ConsolidatedManifest.DateEntry("f2", List.of("data/20240103-b.parquet"), 7));
        dates.put("20240102", new ConsolidatedManifest.DateEntry("f1", List.of("data/20240102-a.parquet"), 5));
        ConsolidatedManifest m = new ConsolidatedManifest(ConsolidatedManifest.FORMAT, "/data/partials",
                List.of(new ConsolidatedManifest.Dimension("alpha1_bin", "BIGINT", "alpha1", 1e-4),
                        new ConsolidatedManifest.Dimension("side", "VARCHAR", null, null)),
                List.of(new ConsolidatedManifest.Metric("count", "COUNT(*)", MergeRule.SUM, "BIGINT")),
                Map.of("x", "count / 2"), dates, "2024-01-05T00:00:00Z");
        m.write(dir);
        ConsolidatedManifest back = ConsolidatedManifest.read(dir);
        assertEquals(m, back);
        assertEquals(List.of("20240102", "20240103"), List.copyOf(back.dates().keySet()));
        assertTrue(m.sameSchema(back));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("manifest.json")), files.toList(), "no temporary file left");
        }
    }

    @Test
    void aMissingOrForeignManifestIsAClearError() throws Exception {
        assertNull(ConsolidatedManifest.readIfExists(dir));
        assertTrue(assertThrows(BadInputException.class, () -> ConsolidatedManifest.read(dir)).getMessage()
                .contains("run `vizflow consolidate --config FILE` first"));
        Files.writeString(dir.resolve("manifest.json"), "{\"format\": 9, \"dimensions\": [], \"metrics\": []}");
        assertTrue(assertThrows(BadInputException.class, () -> ConsolidatedManifest.read(dir)).getMessage()
                .contains("format 9"));
        Files.writeString(dir.resolve("manifest.json"), "not json");
        assertTrue(assertThrows(BadInputException.class, () -> ConsolidatedManifest.read(dir)).getMessage()
                .contains("not a VizFlow consolidated manifest"));
    }
}
