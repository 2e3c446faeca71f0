package io.vizflow.query;

import io.vizflow.consolidate.MergeRule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import static io.vizflow.query.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Queries over a small hand-made dataset of trades on three dates, whose merged and derived values
 * are worked out by hand in the comments. Every answer is checked with the dataset in memory and
 * read from its Parquet files.
 *
 * <pre>
 * raw rows (side, alpha1 bin, x, price, qty)       partial per date and group
 * 2024-01-02  B 1: x 1, 2     (10 x 100, 11 x 300)   count 2, sum_x 3, sumsq 5,  n_x 2, notional 4300, qty 400, min 10, max 11
 *             S 1: x 3        (12 x 50)              count 1, sum_x 3, sumsq 9,  n_x 1, notional 600,  qty 50,  min 12, max 12
 *             S -2: x null    (9 x 100)              count 1, sum_x 0, sumsq 0,  n_x 0, notional 900,  qty 100, min 9,  max 9
 * 2024-01-03  B 1: x 6        (8 x 200)              count 1, sum_x 6, sumsq 36, n_x 1, notional 1600, qty 200, min 8,  max 8
 *             B 2: x 4, 0     (10 x 10, 10 x 30)     count 2, sum_x 4, sumsq 16, n_x 2, notional 400,  qty 40,  min 10, max 10
 * 2024-01-04  S 1: x 5        (13 x 100)             count 1, sum_x 5, sumsq 25, n_x 1, notional 1300, qty 100, min 13, max 13
 * </pre>
 */
class QueryServiceTest {
    static final LocalDate D1 = LocalDate.of(2024, 1, 2);
    static final LocalDate D2 = LocalDate.of(2024, 1, 3);
    static final LocalDate D3 = LocalDate.of(2024, 1, 4);

    @TempDir
    static Path dir;
    static final Map<QueryService.Storage, QueryService> SERVICES = new EnumMap<>(QueryService.Storage.class);

    static Fixture trades(Path dir) {
        return Fixture.in(dir)
                .dimension("side", "VARCHAR")
                .bin("alpha1_bin", "alpha1", 0.5)
                .metric("count", "COUNT(*)", MergeRule.SUM, "BIGINT")
                .metric("sum_x", "SUM(x)", MergeRule.SUM, "DOUBLE")
                .metric("sumsq_x", "SUM(x * x)", MergeRule.SUM, "DOUBLE")
                .metric("n_x", "COUNT(x)", MergeRule.SUM, "BIGINT")
                .metric("sum_notional", "SUM(qty * price)", MergeRule.SUM, "DOUBLE")
                .metric("sum_qty", "SUM(qty)", MergeRule.SUM, "BIGINT")
                .metric("min_price", "MIN(price)", MergeRule.MIN, "DOUBLE")
                .metric("max_price", "MAX(price)", MergeRule.MAX, "DOUBLE")
                .derived("mean_x", "sum_x / n_x")
                .derived("sd_x", "SQRT((sumsq_x - sum_x * sum_x / n_x) / (n_x - 1))")
                .derived("vwap", "sum_notional / sum_qty")
                .date(D1, row("B", 1L, 2L, 3.0, 5.0, 2L, 4300.0, 400L, 10.0, 11.0),
                        row("S", 1L, 1L, 3.0, 9.0, 1L, 600.0, 50L, 12.0, 12.0),
                        row("S", -2L, 1L, 0.0, 0.0, 0L, 900.0, 100L, 9.0, 9.0))
                .date(D2, row("B", 1L, 1L, 6.0, 36.0, 1L, 1600.0, 200L, 8.0, 8.0),
                        row("B", 2L, 2L, 4.0, 16.0, 2L, 400.0, 40L, 10.0, 10.0))
                .date(D3, row("S", 1L, 1L, 5.0, 25.0, 1L, 1300.0, 100L, 13.0, 13.0));
    }

    @BeforeAll
    static void writeDataset() {
        trades(dir).write();
        SERVICES.put(QueryService.Storage.MEMORY, QueryService.open(dir, QueryService.Storage.MEMORY));
        SERVICES.put(QueryService.Storage.PARQUET, QueryService.open(dir, QueryService.Storage.PARQUET));
    }

    @AfterAll
    static void close() {
        SERVICES.values().forEach(QueryService::close);
    }

    @Test
    void datasetDescribesItselfFromItsManifest() {
        Dataset ds = Dataset.open(dir);
        assertEquals(List.of(new Dimension("date", ValueType.DATE, null, null),
                new Dimension("side", ValueType.TEXT, null, null),
                new Dimension("alpha1_bin", ValueType.INTEGER, "alpha1", 0.5)), ds.dimensions());
        assertEquals(new Metric("min_price", "MIN(price)", MergeRule.MIN, ValueType.REAL), ds.metrics().get(6));
        assertEquals(List.of("mean_x", "sd_x", "vwap"), ds.derived().stream().map(DerivedMetric::name).toList());
        assertEquals(List.of(D1, D2, D3), List.copyOf(ds.dates()));
        assertEquals(6, ds.rows());
    }

    @ParameterizedTest
    @EnumSource(value = QueryService.Storage.class, names = {"MEMORY", "PARQUET"})
    void datesMergeByEachMetricsRule(QueryService.Storage storage) {
        QueryResult r = run(storage, Query.builder().groupBy("side")
                .metrics("count", "sum_x", "sumsq_x", "n_x", "sum_qty", "min_price", "max_price").build());
        assertEquals(List.of("side", "count", "sum_x", "sumsq_x", "n_x", "sum_qty", "min_price", "max_price"), names(r));
        assertEquals(List.of(
                List.of("B", 5L, 13.0, 57.0, 5L, 640L, 8.0, 11.0),
                List.of("S", 3L, 8.0, 34.0, 2L, 250L, 9.0, 13.0)), r.rows());
        assertEquals(List.of(D1, D2, D3), r.dates());
    }

    @ParameterizedTest
    @EnumSource(value = QueryService.Storage.class, names = {"MEMORY", "PARQUET"})
    void derivedMetricsEqualHandComputedValues(QueryService.Storage storage) {
        QueryResult r = run(storage, Query.builder().groupBy("side").metrics("mean_x", "sd_x", "vwap").build());
        // B: x = 1, 2, 6, 4, 0: mean 2.6, sample variance (57 - 13^2 / 5) / 4 = 5.8; vwap 6300 / 640
        // S: x = 3, 5: mean 4, sample variance (34 - 8^2 / 2) / 1 = 2; vwap 2800 / 250
        assertEquals(2.6, (Double) r.get(0, "mean_x"), 1e-15);
        assertEquals(Math.sqrt(5.8), (Double) r.get(0, "sd_x"), 1e-15);
        assertEquals(9.84375, (Double) r.get(0, "vwap"), 1e-15);
        assertEquals(4.0, (Double) r.get(1, "mean_x"), 1e-15);
        assertEquals(Math.sqrt(2), (Double) r.get(1, "sd_x"), 1e-15);
        assertEquals(11.2, (Double) r.get(1, "vwap"), 1e-15);
        assertEquals(List.of(QueryResult.Kind.DIMENSION, QueryResult.Kind.DERIVED, QueryResult.Kind.DERIVED,
                QueryResult.Kind.DERIVED), r.columns().stream().map(QueryResult.Column::kind).toList());
    }

    @ParameterizedTest
    @EnumSource(value = QueryService.Storage.class, names = {"MEMORY", "PARQUET"})
    void twoDimensionsComeBackWithBinRealValuesAndDivisionByZeroIsNull(QueryService.Storage storage) {
        QueryResult r = run(storage, Query.builder().groupBy("side", "alpha1_bin").metrics("count", "mean_x", "sd_x").build());
        assertEquals(List.of("side", "alpha1_bin", "alpha1", "count", "mean_x", "sd_x"), names(r));
        assertEquals(QueryResult.Kind.BIN_VALUE, r.columns().get(2).kind());
        List<List<Object>> expected = new ArrayList<>();
        expected.add(List.of("B", 1L, 0.5, 3L, 3.0, Math.sqrt(7)));   // x 1, 2, 6
        expected.add(List.of("B", 2L, 1.0, 2L, 2.0, Math.sqrt(8)));   // x 4, 0
        expected.add(java.util.Arrays.asList("S", -2L, -1.0, 1L, null, null)); // no x: 0 / 0
        expected.add(List.of("S", 1L, 0.5, 2L, 4.0, Math.sqrt(2)));   // x 3, 5
        assertEquals(expected.size(), r.size());
        for (int i = 0; i < expected.size(); i++) {
            for (int c = 0; c < 6; c++) {
                Object want = expected.get(i).get(c);
                Object got = r.rows().get(i).get(c);
                if (want instanceof Double w) {
                    assertEquals(w, (Double) got, 1e-12, "row " + i + " column " + c);
                } else {
                    assertEquals(want, got, "row " + i + " column " + c);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(value = QueryService.Storage.class, names = {"MEMORY", "PARQUET"})
    void datesAreChosenByRangeOrList(QueryService.Storage storage) {
        QueryResult range = run(storage, Query.builder().dates(D2, D3).groupBy("side").metrics("count").build());
        assertEquals(List.of(List.of("B", 3L), List.of("S", 1L)), range.rows());
        assertEquals(List.of(D2, D3), range.dates());
        QueryResult list = run(storage, Query.builder().dates(List.of(D3, D1)).groupBy("side").metrics("count").build());
        assertEquals(List.of(List.of("B", 2L), List.of("S", 3L)), list.rows());
        QueryResult none = run(storage, Query.builder().dates(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31))
                .groupBy("side").metrics("count").build());
        assertEquals(0, none.size());
        QueryResult total = run(storage, Query.builder().dates(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 12, 31))
                .metrics("count", "min_price").build());
        assertEquals(java.util.Arrays.asList(0L, null), total.rows().get(0), "the sum of nothing is 0, its min null");
    }

    @ParameterizedTest
    @EnumSource(value = QueryService.Storage.class, names = {"MEMORY", "PARQUET"})
    void filtersKeepTheChosenValues(QueryService.Storage storage) {
        QueryResult b = run(storage, Query.builder().where("side", "B").groupBy("alpha1_bin").metrics("count").build());
        assertEquals(List.of(List.of(1L, 0.5, 3L), List.of(2L, 1.0, 2L)), b.rows());
        QueryResult text = run(storage, Query.builder().where("alpha1_bin", "1", " -2 ").groupBy("side").metrics("count").build());
        assertEquals(List.of(List.of("B", 3L), List.of("S", 3L)), text.rows(), "bin values given as text");
        QueryResult between = run(storage, Query.builder().whereBetween("alpha1_bin", 0, null).metrics("count").build());
        assertEquals(List.of(List.of(7L)), between.rows(), "all but S -2");
        QueryResult byDate = run(storage, Query.builder().where("side", "S").groupBy("date").metrics("count", "vwap").build());
        assertEquals(List.of("date", "count", "vwap"), names(byDate));
        assertEquals(List.of(D1, D3), List.of(byDate.get(0, "date"), byDate.get(1, "date")));
        assertEquals(1500.0 / 150, (Double) byDate.get(0, "vwap"), 1e-15);
    }

    @Test
    void bothStoragesAnswerTheSame() {
        Query q = Query.builder().groupBy("alpha1_bin", "side").metrics("count", "vwap", "max_price", "sd_x").build();
        assertEquals(run(QueryService.Storage.MEMORY, q).rows(), run(QueryService.Storage.PARQUET, q).rows());
        assertEquals(QueryService.Storage.MEMORY, SERVICES.get(QueryService.Storage.MEMORY).storage());
        assertEquals(QueryService.Storage.PARQUET, SERVICES.get(QueryService.Storage.PARQUET).storage());
    }

    @Test
    void resultPrintsAsCsvAndAsATable() {
        QueryResult r = run(QueryService.Storage.MEMORY, Query.builder().groupBy("side", "alpha1_bin")
                .metrics("count", "mean_x").build());
        assertEquals("side,alpha1_bin,alpha1,count,mean_x\nB,1,0.5,3,3.0\nB,2,1.0,2,2.0\nS,-2,-1.0,1,\nS,1,0.5,2,4.0\n",
                r.toCsv());
        String table = r.toText();
        assertEquals("side  alpha1_bin  alpha1  count  mean_x", table.lines().findFirst().orElseThrow());
        assertEquals(6, table.lines().count());
    }

    static QueryResult run(QueryService.Storage storage, Query q) {
        return SERVICES.get(storage).run(q);
    }

    static List<String> names(QueryResult r) {
        return r.columns().stream().map(QueryResult.Column::name).toList();
    }
}
