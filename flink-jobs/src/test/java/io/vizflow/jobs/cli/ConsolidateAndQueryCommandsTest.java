package io.vizflow.jobs.cli;

import io.vizflow.jobs.MiniClusters;
import io.vizflow.jobs.bench.SyntheticPartials;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vizflow consolidate} and {@code vizflow query} from the command line, over synthetic alpha partials of three dates. */
class ConsolidateAndQueryCommandsTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir
    static Path work;
    static Path config;

    /** What a command printed and returned. */
    record Outcome(int code, String out, String err) {}

    @BeforeAll
    static void consolidate() throws Exception {
        Path partials = work.resolve("partials");
        for (LocalDate d : SyntheticPartials.weekdays(LocalDate.of(2024, 1, 2), 3)) SyntheticPartials.write(partials, d);
        config = work.resolve("alpha.yaml");
        Files.writeString(config, SyntheticPartials.config(partials, work.resolve("consolidated")));
        Outcome o = vizflow("consolidate", "--config", config.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("dates held    3 (2024-01-02..2024-01-04)"), o.out());
        assertTrue(o.out().contains("added         3: 2024-01-02, 2024-01-03, 2024-01-04"), o.out());
    }

    @Test
    void consolidateAgainIsUpToDate() {
        Outcome o = vizflow("consolidate", "--config", config.toString());
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().endsWith("up to date" + System.lineSeparator()), o.out());
    }

    @Test
    void queryPrintsAHeatmapAsCsvWithBinValuesAndDerivedMetrics() {
        Outcome o = vizflow("query", "--config", config.toString(), "--group-by", "alpha1_bin,elapsed_seconds_bin",
                "--metrics", "count,mean_return_60", "--csv");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals("alpha1_bin,alpha1,elapsed_seconds_bin,elapsed_seconds,count,mean_return_60", lines.get(0));
        assertTrue(lines.size() > 400, "a cell per group: " + lines.size());
        assertTrue(lines.get(1).startsWith("-25,-0.0025,0,0.0,"), lines.get(1));
    }

    @Test
    void queryPrintsATableForChosenDatesAndFilters() {
        Outcome o = vizflow("query", "--config", config.toString(), "--dates", "20240103,20240104",
                "--where", "alpha1_bin=0", "--where", "alpha1_bin=1", "--range", "elapsed_seconds_bin=..1",
                "-g", "alpha1_bin,elapsed_seconds_bin", "-m", "count,n_return_60");
        assertEquals(0, o.code(), o.err());
        List<String> lines = o.out().lines().toList();
        assertEquals(List.of("alpha1_bin", "alpha1", "elapsed_seconds_bin", "elapsed_seconds", "count", "n_return_60"),
                List.of(lines.get(0).trim().split("\\s+")));
        assertTrue(lines.get(lines.size() - 1).matches("\\d+ rows, 2 dates \\(2024-01-03\\.\\.2024-01-04\\), \\d+ ms"),
                lines.get(lines.size() - 1));
        assertTrue(lines.size() >= 4 && lines.size() <= 7, o.out());
    }

    @Test
    void describePrintsTheDatasetSchema() {
        Outcome o = vizflow("query", "--config", config.toString(), "--describe");
        assertEquals(0, o.code(), o.err());
        assertTrue(o.out().contains("alpha1_bin  integer  bin of alpha1, width 1.0E-4"), o.out());
        assertTrue(o.out().contains("count  COUNT(*)  merged by SUM"), o.out());
        assertTrue(o.out().contains("mean_return_60  sum_return_60 / n_return_60"), o.out());
        Outcome byDir = vizflow("query", "--dataset", work.resolve("consolidated").toString(), "--describe");
        assertEquals(o.out(), byDir.out());
    }

    @Test
    void hostileOrUnknownInputIsAnErrorWithExitCodeOne() {
        Outcome sql = vizflow("query", "--config", config.toString(), "--where", "alpha1_bin=1; DROP TABLE x", "-m", "count");
        assertEquals(1, sql.code());
        assertEquals("vizflow: error: filter alpha1_bin: '1; DROP TABLE x' is not a whole number (alpha1_bin is integer)",
                sql.err().trim());
        Outcome metric = vizflow("query", "--config", config.toString(), "-m", "count,\"x\"; --");
        assertEquals(1, metric.code());
        assertTrue(metric.err().startsWith("vizflow: error: unknown metric '\"x\"; --'; metrics are [count, "), metric.err());
        Outcome dim = vizflow("query", "--config", config.toString(), "-g", "side", "-m", "count");
        assertEquals(1, dim.code());
        assertTrue(dim.err().contains("unknown dimension 'side'; dimensions are [date, alpha1_bin, elapsed_seconds_bin]"),
                dim.err());
        Outcome date = vizflow("query", "--config", config.toString(), "--dates", "20240105", "-m", "count");
        assertEquals(1, date.code());
        assertTrue(date.err().contains("dates not in the dataset: 2024-01-05"), date.err());
        Outcome none = vizflow("query", "--dataset", work.resolve("nowhere").toString(), "-m", "count");
        assertEquals(1, none.code());
        assertTrue(none.err().contains("run `vizflow consolidate --config FILE` first"), none.err());
    }

    @Test
    void aConfigWithAMetricThatCannotMergeIsRefused() throws Exception {
        Path bad = work.resolve("avg.yaml");
        Files.writeString(bad, Files.readString(config).replace("  count: \"COUNT(*)\"", "  count: \"COUNT(*)\"\n  mean_ret: \"AVG(return_60)\""));
        Outcome o = vizflow("consolidate", "--config", bad.toString());
        assertEquals(1, o.code());
        assertEquals("vizflow: error: " + bad + ": metrics.mean_ret: AVG cannot be merged across dates exactly; write "
                + "sum_return_60: SUM(return_60) and n_return_60: COUNT(return_60), and derive mean_ret: sum_return_60 / n_return_60",
                o.err().trim());
    }

    static Outcome vizflow(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = VizFlowCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Outcome(code, out.toString(), err.toString());
    }
}
