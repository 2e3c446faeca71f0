package io.vizflow.query;

import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.consolidate.MergeRule;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static io.vizflow.query.Fixture.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad and hostile input: filter values full of quotes and SQL are values (bound parameters) that
 * match nothing; names that are not the dataset's are refused with the names there are; a damaged
 * dataset is refused naming the file. After all of it the dataset answers as before.
 */
class HostileInputTest {
    @TempDir
    static Path dir;
    static QueryService service;
    static List<List<Object>> before;

    static final Query BY_SIDE = Query.builder().groupBy("side").metrics("count", "vwap").build();

    @BeforeAll
    static void open() {
        QueryServiceTest.trades(dir).write();
        service = QueryService.open(dir);
        before = service.run(BY_SIDE).rows();
    }

    @AfterAll
    static void close() {
        service.close();
        assertDatasetUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"B'", "' OR '1'='1", "'; DROP TABLE x; --", "B\"; DROP TABLE \"vizflow_dataset_1", "\\'",
            "B' UNION SELECT 1 --", "%", "B\u0000", "*"})
    void filterValuesWithQuotesAndSqlMatchNothing(String hostile) {
        QueryResult r = service.run(Query.builder().where("side", hostile).groupBy("side").metrics("count").build());
        assertEquals(0, r.size());
        assertEquals(before, service.run(BY_SIDE).rows());
    }

    @Test
    void aVeryLongFilterValueMatchesNothing() {
        String huge = "B".repeat(1_000_000) + "' OR 1=1 --";
        assertEquals(0, service.run(Query.builder().where("side", huge).metrics("count").groupBy("side").build()).size());
        QueryResult mixed = service.run(Query.builder().where("side", huge, "S").groupBy("side").metrics("count").build());
        assertEquals(List.of(List.of("S", 3L)), mixed.rows(), "a hostile value next to a real one changes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1 OR 1=1", "1; DROP TABLE x", "1.5", "abc", "", "99999999999999999999"})
    void aValueThatIsNotOfTheDimensionsTypeIsRefused(String bad) {
        QueryException e = assertThrows(QueryException.class,
                () -> service.run(Query.builder().where("alpha1_bin", bad).metrics("count").build()));
        assertTrue(e.getMessage().startsWith("filter alpha1_bin: '") && e.getMessage().contains("is not a whole number"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "side; DROP TABLE x", "\"side\"", "side--", "count", "SIDE"})
    void unknownDimensionsAreRefusedNamingTheOnesThereAre(String name) {
        QueryException g = assertThrows(QueryException.class,
                () -> service.run(Query.builder().groupBy(name).metrics("count").build()));
        assertTrue(g.getMessage().startsWith("unknown dimension '") && g.getMessage().contains("[date, side, alpha1_bin]"),
                g.getMessage());
        QueryException f = assertThrows(QueryException.class,
                () -> service.run(Query.builder().where(name, "B").metrics("count").build()));
        assertTrue(f.getMessage().startsWith("unknown dimension '"), f.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"nope", "count) FROM x; --", "SUM(count)", "*", "side", "Count"})
    void unknownMetricsAreRefusedNamingTheOnesThereAre(String name) {
        QueryException e = assertThrows(QueryException.class,
                () -> service.run(Query.builder().metrics("count", name).build()));
        assertTrue(e.getMessage().startsWith("unknown metric '") && e.getMessage().contains("derived metrics are [mean_x, sd_x, vwap]"),
                e.getMessage());
    }

    @Test
    void badQueryShapesAreRefused() {
        assertThrows(QueryException.class, () -> Query.builder().groupBy("side", "alpha1_bin", "date"));
        assertThrows(QueryException.class, () -> Query.builder().groupBy("side").build());
        assertThrows(QueryException.class, () -> Query.builder().dates(LocalDate.of(2024, 2, 1), LocalDate.of(2024, 1, 1)));
        QueryException missing = assertThrows(QueryException.class, () -> service.run(Query.builder()
                .dates(List.of(QueryServiceTest.D1, LocalDate.of(2024, 1, 5))).metrics("count").build()));
        assertEquals("dates not in the dataset: 2024-01-05 (it holds 3 dates, 2024-01-02..2024-01-04)", missing.getMessage());
        QueryException range = assertThrows(QueryException.class,
                () -> service.run(Query.builder().whereBetween("side", 1, 2).metrics("count").build()));
        assertTrue(range.getMessage().contains("needs a numeric dimension"), range.getMessage());
        QueryException date = assertThrows(QueryException.class,
                () -> service.run(Query.builder().where("date", "2024-01-02").metrics("count").build()));
        assertTrue(date.getMessage().contains("choose dates with a date range"), date.getMessage());
    }

    @Test
    void aFileWithAnotherSchemaIsRefusedNamingTheFileAndColumn(@TempDir Path other) throws Exception {
        ConsolidatedManifest m = QueryServiceTest.trades(other).write();
        String file = m.dates().get("20240103").files().get(0);
        Files.delete(other.resolve(file));
        Fixture.writeParquet(other.resolve(file), List.of("\"date\" DATE", "side VARCHAR", "alpha1_bin BIGINT",
                "\"count\" DOUBLE", "sum_x DOUBLE", "sumsq_x DOUBLE", "n_x BIGINT", "sum_notional DOUBLE", "sum_qty BIGINT",
                "min_price DOUBLE", "max_price DOUBLE"), QueryServiceTest.D2,
                List.<Object[]>of(row("B", 1L, 1.0, 6.0, 36.0, 1L, 1600.0, 200L, 8.0, 8.0)));
        QueryException e = assertThrows(QueryException.class, () -> QueryService.open(other));
        assertEquals(file + ": column 'count' is DOUBLE in the file, the manifest says BIGINT; run `vizflow consolidate` again",
                e.getMessage());

        Files.delete(other.resolve(file));
        Fixture.writeParquet(other.resolve(file), List.of("\"date\" DATE", "side VARCHAR", "alpha1_bin BIGINT",
                "\"count\" BIGINT"), QueryServiceTest.D2, List.<Object[]>of(row("B", 1L, 1L)));
        QueryException fewer = assertThrows(QueryException.class, () -> QueryService.open(other, QueryService.Storage.PARQUET));
        assertTrue(fewer.getMessage().startsWith(file + ": has no column 'sum_x'"), fewer.getMessage());
    }

    @Test
    void aManifestNamingFilesOutsideTheDatasetIsRefused(@TempDir Path other) throws Exception {
        QueryServiceTest.trades(other).write();
        String json = Files.readString(other.resolve("manifest.json"));
        Files.writeString(other.resolve("manifest.json"), json.replaceFirst("\"data/20240102-[^\"]+\"", "\"../../etc/passwd\""));
        QueryException e = assertThrows(QueryException.class, () -> Dataset.open(other));
        assertTrue(e.getMessage().contains("'../../etc/passwd' is not a file of the dataset's data/ folder"), e.getMessage());
        QueryException none = assertThrows(QueryException.class, () -> Dataset.open(other.resolve("nothing")));
        assertTrue(none.getMessage().contains("run `vizflow consolidate --config FILE` first"), none.getMessage());
    }

    @Test
    void aManifestWithNamesThatAreNotColumnNamesIsRefused(@TempDir Path other) throws Exception {
        QueryServiceTest.trades(other).write();
        String json = Files.readString(other.resolve("manifest.json"));
        Files.writeString(other.resolve("manifest.json"), json.replace("\"name\" : \"side\"", "\"name\" : \"side\\\" --\""));
        QueryException e = assertThrows(QueryException.class, () -> Dataset.open(other));
        assertTrue(e.getMessage().contains("is not a column name"), e.getMessage());
    }

    static void assertDatasetUnchanged() {
        try (QueryService again = QueryService.open(dir, QueryService.Storage.PARQUET)) {
            assertEquals(before, again.run(BY_SIDE).rows());
        }
    }
}
