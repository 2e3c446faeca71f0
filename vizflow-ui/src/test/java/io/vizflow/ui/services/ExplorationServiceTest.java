package io.vizflow.ui.services;

import io.vizflow.query.Query;
import io.vizflow.query.QueryException;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;
import io.vizflow.ui.TestDataset;
import io.vizflow.ui.data.DatasetRepository;
import io.vizflow.ui.data.HeatmapData;
import io.vizflow.ui.data.LinesData;
import io.vizflow.ui.data.NoDatasetException;
import io.vizflow.ui.data.Selection;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The service's data equals the query layer's answers; names are checked, values are plain values. */
class ExplorationServiceTest {
    @TempDir
    static Path root;
    static DatasetRepository repository;
    static ExplorationService service;
    static QueryService reference;

    @BeforeAll
    static void open() {
        Path config = TestDataset.writeConfig(root);
        TestDataset.writeDataset(root.resolve("consolidated"), TestDataset.D1, TestDataset.D2, TestDataset.D3);
        repository = new DatasetRepository(config.toString());
        service = new ExplorationService(repository);
        reference = QueryService.open(root.resolve("consolidated"));
    }

    @AfterAll
    static void close() {
        repository.close();
        reference.close();
    }

    @Test
    void heatmapCellsAreTheQueryLayersValuesOnRealValueAxes() {
        Selection s = new Selection(TestDataset.D2, null, Map.of("side", List.of("S")));
        HeatmapData h = service.heatmap(s, "alpha1_bin", "elapsed_seconds_bin", "mean_return_60");
        assertEquals(List.of("-0.0002", "-0.0001", "0", "0.0001", "0.0002"), h.x().labels());
        assertEquals(List.of("09:30", "10:00", "10:30", "11:00", "13:00", "13:30", "14:00", "14:30", "15:00"), h.y().labels());
        assertEquals("n_return_60", h.countMetric(), "a mean's count is the count it divides by");
        QueryResult r = reference.run(Query.builder().dates(TestDataset.D2, null).where("side", "S")
                .groupBy("alpha1_bin", "elapsed_seconds_bin").metrics("mean_return_60", "n_return_60").build());
        assertEquals(r.size(), h.cells().size());
        for (int i = 0; i < r.size(); i++) {
            HeatmapData.Cell c = h.cells().get(i);
            assertEquals(r.get(i, "alpha1_bin"), h.x().keys().get(c.x()));
            assertEquals(r.get(i, "elapsed_seconds_bin"), h.y().keys().get(c.y()));
            assertEquals((Double) r.get(i, "mean_return_60"), c.value());
            assertEquals(r.get(i, "n_return_60"), c.count());
        }
        assertEquals(List.of(TestDataset.D2, TestDataset.D3), h.coverage().dates());
        assertEquals(88L * 2, h.coverage().datasetRows());
    }

    @Test
    void linesHaveOneLinePerValueAndTheCountBehindEachPoint() {
        LinesData l = service.lines(Selection.all(), "elapsed_seconds_bin", "side", "count");
        assertEquals(List.of("B", "S"), l.lines().stream().map(LinesData.Line::name).toList());
        assertEquals("count", l.countMetric());
        QueryResult r = reference.run(Query.builder().where("side", "B").groupBy("elapsed_seconds_bin").metrics("count").build());
        for (int i = 0; i < r.size(); i++) {
            assertEquals(((Long) r.get(i, "count")).doubleValue(), l.lines().get(0).values().get(i));
        }
        LinesData one = service.lines(Selection.all(), "alpha1_bin", null, "sum_return_60");
        assertEquals(1, one.lines().size());
        assertEquals("count", one.countMetric(), "a sum's count is the row count");
    }

    @Test
    void hostileFilterValuesArePlainValuesThatMatchNothing() {
        for (String hostile : List.of("' OR '1'='1", "B'; DROP TABLE x; --", "\"side\"", "x".repeat(100_000))) {
            HeatmapData h = service.heatmap(new Selection(null, null, Map.of("side", List.of(hostile))),
                    "alpha1_bin", "side", "count");
            assertTrue(h.isEmpty());
            assertEquals(0L, h.coverage().counted());
        }
        assertEquals(264, reference.run(Query.builder().groupBy("alpha1_bin", "elapsed_seconds_bin").metrics("count").build()).size() * 6,
                "the dataset is as before");
    }

    @Test
    void unknownNamesAndValuesOfTheWrongTypeAreRefused() {
        assertThrows(QueryException.class, () -> service.heatmap(Selection.all(), "side; DROP TABLE x", "side", "count"));
        assertThrows(QueryException.class, () -> service.heatmap(Selection.all(), "alpha1_bin", "side", "nope"));
        assertThrows(QueryException.class, () -> service.heatmap(Selection.all(), "side", "side", "count"));
        assertThrows(QueryException.class, () -> service.heatmap(
                new Selection(null, null, Map.of("alpha1_bin", List.of("1 OR 1=1"))), "alpha1_bin", "side", "count"));
        var alpha = service.summary().dimension("alpha1_bin");
        assertTrue(ExplorationService.refusal(alpha, "1 OR 1=1").contains("is not a whole number"));
        assertNull(ExplorationService.refusal(alpha, "-2"));
        assertNull(ExplorationService.refusal(service.summary().dimension("side"), "' OR 1=1"));
    }

    @Test
    void withoutAConsolidatedDatasetTheMessageSaysHowToMakeOne(@TempDir Path empty) {
        DatasetRepository none = new DatasetRepository(TestDataset.writeConfig(empty).toString());
        NoDatasetException e = assertThrows(NoDatasetException.class, () -> new ExplorationService(none).summary());
        assertTrue(e.getMessage().contains("vizflow consolidate --config"), e.getMessage());
        none.close();
    }
}
