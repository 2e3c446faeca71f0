package io.vizflow.jobs.consolidate;

import io.vizflow.BadInputException;
import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.consolidate.MergeRule;
import io.vizflow.jobs.MiniClusters;
import io.vizflow.jobs.bench.SyntheticPartials;
import io.vizflow.query.Query;
import io.vizflow.query.QueryResult;
import io.vizflow.query.QueryService;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static io.vizflow.jobs.consolidate.Fixtures.DAYS;
import static io.vizflow.jobs.consolidate.Fixtures.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The consolidation job on a Flink MiniCluster, over partials the real per-date job made of three
 * small days, against the aggregate of all three days' rows at once computed by the independent
 * Polars reference (tools/make_consolidation_golden.py).
 */
class ConsolidateJobTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    private static final List<String> ALPHA_METRICS = List.of("count", "sum_return_60", "sum_return_300",
            "sum_return_600", "n_return_60", "n_return_300", "n_return_600", "sumsq_return_60");
    private static final List<String> POSTTRADE_METRICS = List.of("count", "sum_matched_qty", "sum_notional",
            "sum_holding_period", "n_large", "max_trade_count", "sum_qty_return_300");

    /** Partials of the three days, per pipeline: {@code made/alpha/partials}, {@code made/posttrade/partials}. */
    @TempDir
    static Path made;

    @TempDir
    Path work;

    @BeforeAll
    static void makePartials() throws Exception {
        Fixtures.makePartials("alpha", made.resolve("alpha"));
        Fixtures.makePartials("posttrade", made.resolve("posttrade"));
    }

    @ParameterizedTest(name = "{0} pipeline")
    @ValueSource(strings = {"alpha", "posttrade"})
    void consolidatingThreeDatesEqualsAggregatingAllTheirRowsAtOnce(String pipeline) throws Exception {
        for (String d : DAYS) Fixtures.copyDate(made.resolve(pipeline), work, d);
        ConsolidationSummary s = new ConsolidateJob(Fixtures.config(pipeline, work)).run();
        assertEquals(List.of(date(DAYS.get(0)), date(DAYS.get(1)), date(DAYS.get(2))), s.added());
        List<String> metrics = pipeline.equals("alpha") ? ALPHA_METRICS : POSTTRADE_METRICS;
        Fixtures.assertSameGroups(Fixtures.expected(pipeline + "_all3.csv", Fixtures.KEYS.get(pipeline)),
                Fixtures.mergedGroups(work.resolve("consolidated"), pipeline, metrics), Fixtures.KEYS.get(pipeline));
    }

    @Test
    void derivedMetricsAreComputedFromTheMergedMetrics() throws Exception {
        for (String d : DAYS) Fixtures.copyDate(made.resolve("alpha"), work, d);
        new ConsolidateJob(Fixtures.config("alpha", work)).run();
        Map<String, Map<String, String>> expected = Fixtures.expected("alpha_all3.csv", Fixtures.KEYS.get("alpha"));
        Map<String, Map<String, Object>> got = Fixtures.mergedGroups(work.resolve("consolidated"), "alpha",
                List.of("mean_return_60", "sd_return_60"));
        int defined = 0;
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            double sum = Double.parseDouble(e.getValue().get("sum_return_60"));
            double sumsq = Double.parseDouble(e.getValue().get("sumsq_return_60"));
            long n = Long.parseLong(e.getValue().get("n_return_60"));
            Object mean = got.get(e.getKey()).get("mean_return_60");
            Object sd = got.get(e.getKey()).get("sd_return_60");
            if (n == 0) {
                assertEquals(null, mean, "0 / 0 is null: " + e.getKey());
            } else {
                assertEquals(sum / n, (Double) mean, 1e-12, e.getKey());
                defined++;
            }
            if (n < 2) {
                assertEquals(null, sd, e.getKey());
            } else if (sd != null) {
                assertEquals(Math.sqrt((sumsq - sum * sum / n) / (n - 1)), (Double) sd, 1e-9, e.getKey());
            }
        }
        assertTrue(defined > 100);
    }

    @Test
    void consolidationIsIncrementalDatesUnchangedAreNotRedone() throws Exception {
        Path alpha = made.resolve("alpha");
        Fixtures.copyDate(alpha, work, DAYS.get(0));
        Fixtures.copyDate(alpha, work, DAYS.get(1));
        var config = Fixtures.config("alpha", work);
        Path consolidated = work.resolve("consolidated");

        ConsolidationSummary first = new ConsolidateJob(config).run();
        assertEquals(List.of(date(DAYS.get(0)), date(DAYS.get(1))), first.added());
        assertTrue(first.rebuilt());
        Fixtures.assertSameGroups(Fixtures.expected("alpha_first2.csv", Fixtures.KEYS.get("alpha")),
                Fixtures.mergedGroups(consolidated, "alpha", ALPHA_METRICS), Fixtures.KEYS.get("alpha"));
        ConsolidatedManifest before = ConsolidatedManifest.read(consolidated);
        Map<String, FileTime> times = fileTimes(consolidated, before);

        // a third date arrives: only it is consolidated
        Fixtures.copyDate(alpha, work, DAYS.get(2));
        ConsolidationSummary second = new ConsolidateJob(config).run();
        assertEquals(List.of(date(DAYS.get(2))), second.added());
        assertEquals(List.of(), second.replaced());
        assertEquals(2, second.unchanged());
        assertFalse(second.rebuilt());
        ConsolidatedManifest after = ConsolidatedManifest.read(consolidated);
        assertEquals(before.dates().get(DAYS.get(0)), after.dates().get(DAYS.get(0)), "the first date is as it was");
        assertEquals(before.dates().get(DAYS.get(1)), after.dates().get(DAYS.get(1)));
        assertEquals(times, fileTimes(consolidated, before), "its files were not rewritten");
        Fixtures.assertSameGroups(Fixtures.expected("alpha_all3.csv", Fixtures.KEYS.get("alpha")),
                Fixtures.mergedGroups(consolidated, "alpha", ALPHA_METRICS), Fixtures.KEYS.get("alpha"));

        // nothing new: nothing is done, the manifest stays
        ConsolidationSummary third = new ConsolidateJob(config).run();
        assertTrue(third.upToDate());
        assertEquals(after, ConsolidatedManifest.read(consolidated));

        // a date run again (its partial replaced): that date is redone, its old file deleted
        Fixtures.copyDate(alpha, work, DAYS.get(1));
        ConsolidationSummary fourth = new ConsolidateJob(config).run();
        assertEquals(List.of(date(DAYS.get(1))), fourth.replaced());
        ConsolidatedManifest last = ConsolidatedManifest.read(consolidated);
        assertFalse(last.dates().get(DAYS.get(1)).files().equals(after.dates().get(DAYS.get(1)).files()));
        assertFalse(Files.exists(consolidated.resolve(after.dates().get(DAYS.get(1)).files().get(0))));
        Fixtures.assertSameGroups(Fixtures.expected("alpha_all3.csv", Fixtures.KEYS.get("alpha")),
                Fixtures.mergedGroups(consolidated, "alpha", ALPHA_METRICS), Fixtures.KEYS.get("alpha"));

        // --full redoes every date, with the same answer
        ConsolidationSummary full = new ConsolidateJob(config, true).run();
        assertEquals(3, full.replaced().size());
        Fixtures.assertSameGroups(Fixtures.expected("alpha_all3.csv", Fixtures.KEYS.get("alpha")),
                Fixtures.mergedGroups(consolidated, "alpha", ALPHA_METRICS), Fixtures.KEYS.get("alpha"));
        try (var files = Files.list(consolidated.resolve("data"))) {
            assertEquals(3, files.count(), "one file per date, nothing left behind");
        }
    }

    @Test
    void aDateWithoutSuccessIsSkippedAndItsFilesAreNeverRead() throws Exception {
        for (String d : DAYS) Fixtures.copyDate(made.resolve("alpha"), work, d);
        Path third = work.resolve("partials").resolve("date=" + DAYS.get(2));
        Files.delete(third.resolve("_SUCCESS"));
        Files.writeString(third.resolve("part-00001.parquet"), "half-written, not Parquet");
        ConsolidationSummary s = new ConsolidateJob(Fixtures.config("alpha", work)).run();
        assertEquals(List.of(date(DAYS.get(2))), s.incomplete());
        assertEquals(List.of(date(DAYS.get(0)), date(DAYS.get(1))), s.held());
        assertTrue(s.describe().contains("incomplete    1: 2024-01-10 (no _SUCCESS: skipped)"), s.describe());
        Fixtures.assertSameGroups(Fixtures.expected("alpha_first2.csv", Fixtures.KEYS.get("alpha")),
                Fixtures.mergedGroups(work.resolve("consolidated"), "alpha", ALPHA_METRICS), Fixtures.KEYS.get("alpha"));
        try (QueryService q = QueryService.open(work.resolve("consolidated"))) {
            var e = assertThrows(io.vizflow.query.QueryException.class, () -> q.run(Query.builder()
                    .dates(List.of(date(DAYS.get(2)))).metrics("count").build()));
            assertTrue(e.getMessage().startsWith("dates not in the dataset: 2024-01-10"), e.getMessage());
        }
    }

    @Test
    void aDateWhosePartialIsGoneIsDropped() throws Exception {
        for (String d : DAYS) Fixtures.copyDate(made.resolve("alpha"), work, d);
        var config = Fixtures.config("alpha", work);
        new ConsolidateJob(config).run();
        Fixtures.deleteRecursively(work.resolve("partials").resolve("date=" + DAYS.get(0)));
        ConsolidationSummary s = new ConsolidateJob(config).run();
        assertEquals(List.of(date(DAYS.get(0))), s.removed());
        assertEquals(2, s.held().size());
        try (var files = Files.list(work.resolve("consolidated").resolve("data"))) {
            assertEquals(2, files.count());
        }
    }

    @Test
    void aPartialWithOtherColumnsIsRefusedAndNothingChanges() throws Exception {
        Fixtures.copyDate(made.resolve("alpha"), work, DAYS.get(0));
        Fixtures.copyDate(made.resolve("alpha"), work, DAYS.get(1));
        var config = Fixtures.config("alpha", work);
        new ConsolidateJob(config).run();
        String manifest = Files.readString(work.resolve("consolidated").resolve("manifest.json"));

        // a post-trade partial in the alpha partials' folder
        Fixtures.copyDate(made.resolve("posttrade"), work, DAYS.get(2));
        BadInputException e = assertThrows(BadInputException.class, () -> new ConsolidateJob(config).run());
        assertTrue(e.getMessage().contains("date=" + DAYS.get(2) + "/part-00000.parquet: its columns are not the config's "
                + "group_by and metrics (alpha.yaml): missing [elapsed_seconds_bin, n_return_300"), e.getMessage());
        assertTrue(e.getMessage().contains("not in the config [is_closed, max_trade_count"), e.getMessage());
        assertEquals(manifest, Files.readString(work.resolve("consolidated").resolve("manifest.json")), "nothing changed");
        try (var files = Files.list(work.resolve("consolidated"))) {
            assertEquals(List.of("data", "manifest.json"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(".lock")).sorted().toList(), "no staging left");
        }
    }

    @Test
    void aPartialWithTheSameColumnsOfOtherTypesIsRefused() throws Exception {
        Fixtures.copyDate(made.resolve("alpha"), work, DAYS.get(0));
        Path bad = work.resolve("partials").resolve("date=" + DAYS.get(1));
        Files.createDirectories(bad);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT alpha1_bin, elapsed_seconds_bin, CAST(count AS DOUBLE) AS count, sum_return_60, "
                    + "sum_return_300, sum_return_600, n_return_60, n_return_300, n_return_600, sumsq_return_60 FROM '"
                    + made.resolve("alpha/partials/date=" + DAYS.get(1) + "/part-00000.parquet") + "') TO '"
                    + bad.resolve("part-00000.parquet") + "' (FORMAT parquet)");
        }
        Files.createFile(bad.resolve("_SUCCESS"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> new ConsolidateJob(Fixtures.config("alpha", work)).run());
        assertTrue(e.getMessage().endsWith("date=" + DAYS.get(1) + "/part-00000.parquet: column 'count' is DOUBLE, but BIGINT in "
                + "date=" + DAYS.get(0) + "; partials of different configs? run the odd date again with this config"),
                e.getMessage());
        assertFalse(Files.exists(work.resolve("consolidated").resolve("manifest.json")));

        // once a dataset exists, a new date is checked against the dataset's types
        Fixtures.deleteRecursively(bad);
        new ConsolidateJob(Fixtures.config("alpha", work)).run();
        Path third = work.resolve("partials").resolve("date=" + DAYS.get(2));
        Files.createDirectories(third);
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("COPY (SELECT alpha1_bin, elapsed_seconds_bin, count, CAST(sum_return_60 AS VARCHAR) AS sum_return_60, "
                    + "sum_return_300, sum_return_600, n_return_60, n_return_300, n_return_600, sumsq_return_60 FROM '"
                    + made.resolve("alpha/partials/date=" + DAYS.get(2) + "/part-00000.parquet") + "') TO '"
                    + third.resolve("part-00000.parquet") + "' (FORMAT parquet)");
        }
        Files.createFile(third.resolve("_SUCCESS"));
        BadInputException later = assertThrows(BadInputException.class,
                () -> new ConsolidateJob(Fixtures.config("alpha", work)).run());
        assertTrue(later.getMessage().endsWith("column 'sum_return_60' is VARCHAR, but DOUBLE in the consolidated dataset; "
                + "partials of different configs? run the odd date again with this config"), later.getMessage());
    }

    @Test
    void aStrayFileInACompleteDateIsRefused() throws Exception {
        Fixtures.copyDate(made.resolve("alpha"), work, DAYS.get(0));
        Files.writeString(work.resolve("partials/date=" + DAYS.get(0) + "/notes.txt"), "hello");
        BadInputException e = assertThrows(BadInputException.class,
                () -> new ConsolidateJob(Fixtures.config("alpha", work)).run());
        assertTrue(e.getMessage().endsWith("notes.txt: not a Parquet file; a partial holds *.parquet files and _SUCCESS only"),
                e.getMessage());
        BadInputException none = assertThrows(BadInputException.class,
                () -> new ConsolidateJob(Fixtures.config("alpha", work.resolve("elsewhere"))).run());
        assertTrue(none.getMessage().contains("no partials here (output_dir)"), none.getMessage());
    }

    @Test
    void theDatasetKeepsDateAsAColumnAndRecordsBinsRulesAndFingerprints() throws Exception {
        for (String d : DAYS) Fixtures.copyDate(made.resolve("posttrade"), work, d);
        new ConsolidateJob(Fixtures.config("posttrade", work)).run();
        Path consolidated = work.resolve("consolidated");
        ConsolidatedManifest m = ConsolidatedManifest.read(consolidated);
        assertEquals(List.of(new ConsolidatedManifest.Dimension("alpha1_bin", "BIGINT", "alpha1", 1e-4),
                new ConsolidatedManifest.Dimension("side", "VARCHAR", null, null),
                new ConsolidatedManifest.Dimension("is_closed", "BOOLEAN", null, null)), m.dimensions());
        Map<String, MergeRule> rules = new LinkedHashMap<>();
        m.metrics().forEach(x -> rules.put(x.name(), x.merge()));
        assertEquals(MergeRule.MAX, rules.get("max_trade_count"));
        assertEquals(MergeRule.SUM, rules.get("n_large"));
        assertEquals("sum_notional / sum_matched_qty", m.derived().get("vwap"));
        assertEquals(DAYS, List.copyOf(m.dates().keySet()));
        assertTrue(m.dates().get(DAYS.get(0)).fingerprint().matches("[0-9a-f]{32}"), "a fingerprint per date");

        List<String> columns = new ArrayList<>();
        long rows = 0;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            try (ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM '" + consolidated.resolve("data/*.parquet") + "'")) {
                while (rs.next()) columns.add(rs.getString(1) + " " + rs.getString(2));
            }
            try (ResultSet rs = st.executeQuery("SELECT count(DISTINCT date), count(*) FROM '" + consolidated.resolve("data/*.parquet") + "'")) {
                rs.next();
                assertEquals(3, rs.getLong(1));
                rows = rs.getLong(2);
            }
        }
        assertEquals(List.of("date DATE", "alpha1_bin BIGINT", "side VARCHAR", "is_closed BOOLEAN", "count BIGINT",
                "sum_matched_qty BIGINT", "sum_notional DOUBLE", "sum_holding_period BIGINT", "n_large BIGINT",
                "max_trade_count BIGINT", "sum_qty_return_300 DOUBLE"), columns);
        long held = m.dates().values().stream().mapToLong(ConsolidatedManifest.DateEntry::rows).sum();
        assertEquals(rows, held, "the manifest counts the rows");
        try (QueryService q = QueryService.open(consolidated)) {
            QueryResult byDate = q.run(Query.builder().groupBy("date").metrics("count").build());
            assertEquals(3, byDate.size());
        }
    }

    @Test
    void manyDatesArePrunedToTheCompleteOnesBeyondSqlInListThresholds() throws Exception {
        // 30 dates: more than the 20 literals past which SQL planners may turn IN into a join (reading every partition)
        Path partials = work.resolve("partials");
        List<java.time.LocalDate> days = SyntheticPartials.weekdays(java.time.LocalDate.of(2023, 1, 2), 30);
        for (java.time.LocalDate d : days) SyntheticPartials.write(partials, d);
        Path broken = partials.resolve("date=20230201");
        Files.delete(broken.resolve("_SUCCESS"));
        Files.writeString(broken.resolve("part-00001.parquet"), "being written");
        Path config = work.resolve("bench.yaml");
        Files.writeString(config, SyntheticPartials.config(partials, work.resolve("consolidated")));

        ConsolidationSummary s = new ConsolidateJob(io.vizflow.config.VizFlowConfig.load(config)).run();
        assertEquals(List.of(java.time.LocalDate.of(2023, 2, 1)), s.incomplete());
        assertEquals(29, s.held().size());
        long expected;
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT sum(count) FROM read_parquet('" + partials + "/*/part-00000.parquet', "
                     + "filename = true) WHERE filename NOT LIKE '%date=20230201%'")) {
            rs.next();
            expected = rs.getLong(1);
        }
        try (QueryService q = QueryService.open(work.resolve("consolidated"))) {
            assertEquals(List.of(List.of(expected)), q.run(Query.builder().metrics("count").build()).rows());
            assertEquals(29, q.run(Query.builder().groupBy("date").metrics("count").build()).size());
        }
    }

    private static Map<String, FileTime> fileTimes(Path consolidated, ConsolidatedManifest m) throws Exception {
        Map<String, FileTime> out = new LinkedHashMap<>();
        for (var e : m.dates().values()) {
            for (String f : e.files()) out.put(f, Files.getLastModifiedTime(consolidated.resolve(f)));
        }
        return out;
    }
}
