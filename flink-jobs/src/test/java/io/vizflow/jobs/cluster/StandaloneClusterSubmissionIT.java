package io.vizflow.jobs.cluster;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.DailyJob;
import io.vizflow.jobs.RunSummary;
import io.vizflow.partial.PartialLayout;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded job jar, unchanged, on a REAL Flink session cluster: a JobManager and a TaskManager
 * started as their own processes from Flink's jars ({@code target/flink-cluster-lib}), two
 * golden dates submitted through the Flink CLI ({@code CliFrontend run}, a third process) with
 * exactly the arguments {@code vizflow cluster --flink-cli} prints; their partials must equal
 * those of the embedded run of the same dates. Logs: {@code target/flink-cluster/logs/}.
 */
class StandaloneClusterSubmissionIT {
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));
    private static final List<String> POSTTRADE_KEYS = List.of("alpha1_bin", "side", "is_closed");

    private static Path work;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        work = Path.of(property("vizflow.cluster.work"));
        deleteRecursively(work);
        List<String> jvmFlags = Arrays.asList(property("vizflow.jvm.flags").trim().split("\\s+"));
        cluster = StandaloneFlinkCluster.start(Path.of(property("vizflow.cluster.lib")), work, jvmFlags, Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void twoDatesSubmittedWithFlinkRunGiveThePartialsOfTheEmbeddedRun() throws Exception {
        Path clusterOut = work.resolve("data/cluster-partials");
        Path config = writeConfig("posttrade", clusterOut);
        FlinkCliSubmission submission = FlinkCliSubmission.ofConfigFile(property("vizflow.jobs.jar"), config)
                .jobManager(cluster.jobManagerAddress())
                .parallelism(2);

        for (LocalDate date : DATES) {
            StandaloneFlinkCluster.Result run = cluster.flink("flink-run-" + date, submission.arguments(date), Duration.ofMinutes(5));
            assertEquals(0, run.exitCode(), "flink run " + date + " failed; output:\n" + run.output() + "\nlog: " + run.log());
            assertTrue(run.output().contains("partial"), "the run summary is printed by the job's main:\n" + run.output());
            assertTrue(Files.isRegularFile(PartialLayout.dateDir(clusterOut, date).resolve("_SUCCESS")),
                    "the client published the partial of " + date);
        }
        JsonNode overview = cluster.overview();
        assertEquals(DATES.size(), overview.path("jobs-finished").asInt(), "finished on the cluster: " + overview);
        assertEquals(0, overview.path("jobs-failed").asInt(), "failed on the cluster: " + overview);

        Path embeddedOut = work.resolve("data/embedded-partials");
        VizFlowConfig embedded = VizFlowConfig.load(config).withOutputDir(embeddedOut);
        for (LocalDate date : DATES) {
            RunSummary summary = new DailyJob(embedded, date).run();
            Partials.assertSame(Partials.read(summary.partial(), POSTTRADE_KEYS),
                    Partials.read(PartialLayout.dateDir(clusterOut, date), POSTTRADE_KEYS), "posttrade " + date);
        }
    }

    /** A golden config with absolute input and output folders: the client and the TaskManager both see them. */
    private static Path writeConfig(String pipeline, Path outputDir) throws IOException, URISyntaxException {
        Path golden = Path.of(StandaloneClusterSubmissionIT.class.getResource("/golden/" + pipeline + ".yaml").toURI());
        String yaml = Files.readString(golden)
                .replace("input_dir: data/raw", "input_dir: " + golden.resolveSibling("raw").toAbsolutePath())
                .replace("output_dir: data/partials", "output_dir: " + outputDir.toAbsolutePath());
        Path config = work.resolve(pipeline + ".yaml");
        Files.writeString(config, yaml);
        return config;
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) throw new IllegalStateException(name + " is not set: run this test with `mvn verify` (maven-failsafe-plugin)");
        return v;
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
