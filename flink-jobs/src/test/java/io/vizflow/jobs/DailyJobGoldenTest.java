package io.vizflow.jobs;

import io.vizflow.partial.PartialLayout;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The whole per-date job on a Flink MiniCluster, against partials computed by the independent
 * Polars reference (tools/reference.py) on the same synthetic days: lz4 with int64 symbols,
 * zstd with string symbols, uncompressed; small record batches, so several splits per day.
 */
class DailyJobGoldenTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final List<String> ALPHA_KEYS = List.of("alpha1_bin", "elapsed_seconds_bin");
    private static final List<String> POSTTRADE_KEYS = List.of("alpha1_bin", "side", "is_closed");

    @TempDir
    Path out;

    @ParameterizedTest(name = "alpha pipeline on {0} ({1})")
    @CsvSource({"20240102, lz4 int ukey", "20240103, zstd string ukey", "20240104, uncompressed",
            "20240105, rows not in time order"})
    void alphaPartialEqualsTheReference(String date, String kind) throws Exception {
        RunSummary summary = run("alpha", date);
        assertEquals(summary.inputRows(), summary.pieces(), "without enrich every row goes through");
        Golden.assertPartialEquals(Golden.readExpected("alpha_" + date + ".csv", ALPHA_KEYS),
                Golden.readPartial(summary.partial(), ALPHA_KEYS), ALPHA_KEYS);
    }

    @ParameterizedTest(name = "post-trade pipeline on {0} ({1})")
    @CsvSource({"20240102, lz4 int ukey", "20240103, zstd string ukey", "20240104, uncompressed",
            "20240105, rows not in time order"})
    void postTradePartialEqualsTheReference(String date, String kind) throws Exception {
        RunSummary summary = run("posttrade", date);
        Golden.assertPartialEquals(Golden.readExpected("posttrade_" + date + ".csv", POSTTRADE_KEYS),
                Golden.readPartial(summary.partial(), POSTTRADE_KEYS), POSTTRADE_KEYS);
    }

    @Test
    void partialHoldsExactlyTheGroupByAndMetricColumnsWithContractTypes() throws Exception {
        RunSummary summary = run("posttrade", "20240102");
        Map<String, String> types = Golden.partialTypes(summary.partial());
        assertEquals(Map.of(
                "alpha1_bin", "BIGINT", "side", "VARCHAR", "is_closed", "BOOLEAN",
                "count", "BIGINT", "sum_matched_qty", "BIGINT", "sum_notional", "DOUBLE",
                "sum_holding_period", "BIGINT", "n_large", "BIGINT", "max_trade_count", "BIGINT",
                "sum_qty_return_300", "DOUBLE"), types);
        assertEquals(List.of("alpha1_bin", "side", "is_closed", "count", "sum_matched_qty", "sum_notional",
                "sum_holding_period", "n_large", "max_trade_count", "sum_qty_return_300"),
                List.copyOf(types.keySet()), "column order: group-by, then metrics as configured");
    }

    @Test
    void summaryCountsRowsPiecesClampedRowsAndGroups() throws Exception {
        RunSummary summary = run("posttrade", "20240102");
        assertEquals(20_000, summary.inputRows());
        assertEquals(10, summary.clampedRows(), "gen_day puts rows/2000 rows at 09:25 and 12:00");
        assertEquals(Golden.readExpected("posttrade_20240102.csv", POSTTRADE_KEYS).size(), summary.groups());
        long pieces = Golden.readExpected("posttrade_20240102.csv", POSTTRADE_KEYS).values().stream()
                .mapToLong(r -> Long.parseLong(r.get("count"))).sum();
        assertEquals(pieces, summary.pieces(), "every piece is counted in exactly one group");
    }

    @Test
    void partialIsPublishedWithSuccessMarkerAndNoStagingLeft() throws Exception {
        RunSummary summary = run("alpha", "20240104");
        Path dir = PartialLayout.dateDir(out, LocalDate.of(2024, 1, 4));
        assertEquals(dir, summary.partial());
        assertTrue(Files.isRegularFile(dir.resolve("_SUCCESS")));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.map(p -> p.getFileName().toString())
                    .allMatch(n -> n.equals("_SUCCESS") || n.matches("part-\\d{5}\\.parquet")));
        }
        assertFalse(Files.exists(out.resolve(".staging")), "the staging folder is removed");
    }

    @Test
    void timeCutoffDropsRowsAtOrAfterItBeforeAggregation() throws Exception {
        // 17,463 rows of fills_20240102 have ticktime < 14:30:00.000 (polars: filter(ticktime < 143000000).height)
        String yaml = Golden.yaml("alpha", Golden.resource("golden/raw"), out) + "time_cutoff: 143000000\n";
        RunSummary s = new DailyJob(io.vizflow.config.VizFlowConfig.parse(yaml, "alpha.yaml"), LocalDate.of(2024, 1, 2)).run();
        Map<String, Map<String, Object>> rows = Golden.readPartial(s.partial(), ALPHA_KEYS);
        assertEquals(17_463L, rows.values().stream().mapToLong(r -> ((Number) r.get("count")).longValue()).sum());
        assertEquals(17_463L, rows.values().stream().mapToLong(r -> ((Number) r.get("n_return_600")).longValue()).sum(),
                "before 14:30 every row has its 600 s return");
        assertTrue(rows.values().stream().allMatch(r -> ((Number) r.get("elapsed_seconds_bin")).longValue() <= 7),
                "no row from 14:30 on (elapsed 12600 s, bin 7)");
    }

    @Test
    void onlyTheColumnsTheStepsAfterThePerSymbolOnesReadAreCarriedThroughThem() {
        DailyJob job = new DailyJob(Golden.config("posttrade", Golden.resource("golden/raw"), out), LocalDate.of(2024, 1, 2));
        io.vizflow.source.FeatherFile file = io.vizflow.source.FeatherFile.open(
                Golden.resource("golden/raw").resolve("fills_20240102.feather"));
        org.apache.flink.streaming.api.environment.StreamExecutionEnvironment env =
                org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.getExecutionEnvironment();
        io.vizflow.pipeline.DailyPipeline parsed = job.parsed(env, file);
        assertEquals(Map.of(), job.binsAfterPerSymbol(parsed.schema()), "alpha1, a column of the file, is binned before the shuffle");
        io.vizflow.row.RowSchema perSymbol = job.perSymbol(parsed.bin(Map.of("alpha1", 1e-4)), file).schema();

        // group by: alpha1_bin, side, is_closed; metrics: the rest; alpha1 itself is not read after the steps
        assertEquals(List.of("side", "price", "alpha1_bin", "return_300", "is_large", "trade_count", "matched_qty",
                "holding_period", "is_closed"), job.columnsReadAfterPerSymbol(perSymbol, Set.of()));
        // a bin of a column the steps make comes after them, and they carry that column
        DailyJob both = new DailyJob(postTradeAlsoBinningReturn300(), LocalDate.of(2024, 1, 2));
        assertEquals(Map.of("return_300", 1e-3), both.binsAfterPerSymbol(parsed.schema()));
        assertTrue(job.columnsReadAfterPerSymbol(perSymbol, Set.of("return_300")).contains("return_300"));
    }

    @Test
    void aBinOfAColumnTheStepsMakeComesAfterThemAndChangesNothingElse() throws Exception {
        // alpha1 is binned before the shuffle, return_300 after the per-symbol steps that make it
        RunSummary s = new DailyJob(postTradeAlsoBinningReturn300(), LocalDate.of(2024, 1, 2)).run();
        Golden.assertPartialEquals(Golden.readExpected("posttrade_20240102.csv", POSTTRADE_KEYS),
                Golden.readPartial(s.partial(), POSTTRADE_KEYS), POSTTRADE_KEYS);
    }

    /** The post-trade fixture config, binning return_300 (which the per-symbol steps make) besides alpha1. */
    private io.vizflow.config.VizFlowConfig postTradeAlsoBinningReturn300() {
        String yaml = Golden.yaml("posttrade", Golden.resource("golden/raw"), out)
                .replace("binwidths: {alpha1: 1.0e-4}", "binwidths: {alpha1: 1.0e-4, return_300: 1.0e-3}");
        return io.vizflow.config.VizFlowConfig.parse(yaml, "posttrade.yaml");
    }

    @Test
    void rerunReplacesThePartial() throws Exception {
        run("alpha", "20240104");
        RunSummary again = run("alpha", "20240104");
        Golden.assertPartialEquals(Golden.readExpected("alpha_20240104.csv", ALPHA_KEYS),
                Golden.readPartial(again.partial(), ALPHA_KEYS), ALPHA_KEYS);
    }

    private RunSummary run(String pipeline, String date) throws Exception {
        return new DailyJob(Golden.config(pipeline, Golden.resource("golden/raw"), out),
                LocalDate.parse(date, java.time.format.DateTimeFormatter.BASIC_ISO_DATE)).run();
    }
}
