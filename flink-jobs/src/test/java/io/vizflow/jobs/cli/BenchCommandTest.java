package io.vizflow.jobs.cli;

import io.vizflow.jobs.Golden;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code vizflow bench --stages} as a user runs it: on the embedded cluster (no test cluster around
 * it), one run, its figures and the wall time of each of its stages, which add up to the run's.
 */
class BenchCommandTest {
    private static final Pattern SUMMARY = Pattern.compile("rows 20000 {2}seconds (\\d+\\.\\d\\d) {2}rows/s \\d+ {2}peak_rss_mb \\d+ {2}groups 94");
    private static final Pattern STAGE = Pattern.compile("stage +(\\d+\\.\\d\\d) s {2}(.+)");

    @TempDir
    Path work;

    @Test
    void printsTheRunAndTheTimeOfEachStage() throws Exception {
        String out = bench(Golden.configFile(work, "posttrade", Golden.resource("golden/raw"), work.resolve("partials")),
                "--stages");

        List<String> lines = out.lines().filter(l -> l.startsWith("rows ") || l.startsWith("stage")).toList();
        Matcher summary = SUMMARY.matcher(lines.get(0));
        assertTrue(summary.matches(), lines.get(0));
        List<String> names = lines.subList(1, lines.size()).stream().map(l -> stage(l).group(2)).toList();
        assertEquals(5, names.size(), out);
        assertEquals("start (cluster, planning, deployment)", names.get(0));
        assertTrue(names.get(1).startsWith("Source: feather fills_20240102.feather") && names.get(1).matches(".+ \\(\\d+ subtasks?\\)"), names.get(1));
        assertTrue(names.get(2).startsWith("enrich + forward_return") && names.get(2).matches(".+ \\(\\d+ subtasks?\\)"), names.get(2));
        assertTrue(names.get(3).endsWith("Writer (1 subtask)"), names.get(3));
        assertEquals("end (the job's result, stopping the cluster)", names.get(4));
        double sum = lines.subList(1, lines.size()).stream().mapToDouble(l -> Double.parseDouble(stage(l).group(1))).sum();
        assertEquals(Double.parseDouble(summary.group(1)), sum, 0.06, out);
        assertTrue(Files.notExists(work.resolve("partials")), "a benchmark writes its partial to a temporary folder");
    }

    @Test
    void repeatsTheDateInOneJvmAsRunBatchRunsItsDates() throws Exception {
        Path config = Golden.configFile(work, "alpha", Golden.resource("golden/raw"), work.resolve("partials"));
        String out = bench(config, "--repeat", "2");
        List<String> lines = out.lines().filter(l -> l.startsWith("run ") || l.startsWith("rows ")).toList();
        assertEquals(4, lines.size(), out);
        assertEquals("run 1 of 2 (a fresh JVM)", lines.get(0));
        assertTrue(lines.get(1).startsWith("rows 20000  seconds "), lines.get(1));
        assertEquals("run 2 of 2", lines.get(2));
        assertTrue(lines.get(3).startsWith("rows 20000  seconds "), lines.get(3));

        StringWriter none = new StringWriter();
        assertEquals(2, VizFlowCli.execute(new PrintWriter(new StringWriter(), true), new PrintWriter(none, true),
                "bench", "--config", config.toString(), "--date", "20240102", "--repeat", "0"));
        assertTrue(none.toString().contains("--repeat must be at least 1, got 0"), none.toString());
    }

    /** What {@code vizflow bench} prints for the 2024-01-02 fixture day with {@code config} and the options given; it must succeed. */
    private static String bench(Path config, String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new java.util.ArrayList<>(List.of("bench", "--config", config.toString(), "--date", "20240102"));
        args.addAll(List.of(options));
        assertEquals(0, VizFlowCli.execute(new PrintWriter(out, true), new PrintWriter(err, true), args.toArray(String[]::new)),
                err.toString());
        return out.toString();
    }

    private static Matcher stage(String line) {
        Matcher m = STAGE.matcher(line);
        assertTrue(m.matches(), line);
        return m;
    }
}
