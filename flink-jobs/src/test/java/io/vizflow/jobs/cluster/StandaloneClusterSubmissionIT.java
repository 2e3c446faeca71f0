package io.vizflow.jobs.cluster;

import io.vizflow.partial.PartialLayout;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;

import static io.vizflow.jobs.cluster.ClusterFixtures.POSTTRADE_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The shaded job jar, unchanged, on a REAL Flink session cluster: a JobManager and a TaskManager
 * started as their own processes from Flink's jars ({@code target/flink-cluster-lib}), two
 * golden dates submitted through the Flink CLI ({@code CliFrontend run}, a third process) with
 * exactly the arguments {@code vizflow cluster --flink-cli} prints (the config as a path, then
 * inline); their partials must equal those of the embedded run of the same dates.
 * Logs: {@code target/flink-cluster/session/logs/}.
 */
class StandaloneClusterSubmissionIT {
    private static final List<LocalDate> DATES = List.of(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 1, 3));

    private static Path work;
    private static StandaloneFlinkCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        work = ClusterFixtures.freshWork("session");
        cluster = StandaloneFlinkCluster.session(ClusterFixtures.clusterLib(), work, ClusterFixtures.jvmFlags(), Duration.ofMinutes(3));
    }

    @AfterAll
    static void stopCluster() {
        if (cluster != null) cluster.close();
    }

    @Test
    void twoDatesSubmittedWithFlinkRunGiveThePartialsOfTheEmbeddedRun() throws Exception {
        Path clusterOut = work.resolve("data/cluster-partials");
        Path config = ClusterFixtures.goldenConfig("posttrade", clusterOut, work);
        String jar = ClusterFixtures.jobJar().toString();
        List<FlinkCliSubmission> submissions = List.of(
                FlinkCliSubmission.ofConfigFile(jar, config),                                              // run --config FILE
                FlinkCliSubmission.ofInlineConfig(jar, Files.readString(config), config.toString()));     // run --config-inline TEXT

        int finishedBefore = cluster.overview().path("jobs-finished").asInt();
        for (int i = 0; i < DATES.size(); i++) {
            LocalDate date = DATES.get(i);
            List<String> args = submissions.get(i).jobManager(cluster.jobManagerAddress()).parallelism(2).arguments(date);
            StandaloneFlinkCluster.Result run = cluster.flink("flink-run-" + date, args, Duration.ofMinutes(5));
            assertEquals(0, run.exitCode(), "flink run " + date + " failed; output:\n" + run.output() + "\nlog: " + run.log());
            assertTrue(run.output().contains("partial"), "the run summary is printed by the job's main:\n" + run.output());
            assertTrue(Files.isRegularFile(PartialLayout.dateDir(clusterOut, date).resolve(PartialLayout.SUCCESS)),
                    "the job published the partial of " + date);
        }
        JsonNode overview = cluster.overview();
        assertEquals(finishedBefore + DATES.size(), overview.path("jobs-finished").asInt(), "finished on the cluster: " + overview);
        assertEquals(0, overview.path("jobs-failed").asInt(), "failed on the cluster: " + overview);

        for (LocalDate date : DATES) {
            Path embedded = ClusterFixtures.embeddedPartial(config, work.resolve("data/embedded-partials"), date);
            Partials.assertSame(Partials.read(embedded, POSTTRADE_KEYS),
                    Partials.read(PartialLayout.dateDir(clusterOut, date), POSTTRADE_KEYS), "posttrade " + date);
        }
    }

    @Test
    void aDateSubmittedThroughTheRestApiPublishesItsPartialItself() throws Exception {
        // what the Flink Kubernetes operator does for a FlinkSessionJob: no client waits for the job
        LocalDate date = LocalDate.of(2024, 1, 4);
        Path clusterOut = work.resolve("data/rest-partials");
        Path config = ClusterFixtures.goldenConfig("alpha", clusterOut, Files.createDirectories(work.resolve("rest")));
        String jobId = cluster.submitThroughRest(ClusterFixtures.jobJar(), "io.vizflow.jobs.cli.VizFlowCli",
                List.of("run", "--config", config.toString(), "--date", "20240104"), 2);
        assertEquals("FINISHED", cluster.awaitJob(jobId, Duration.ofMinutes(5)), "see " + cluster.logs());
        Path partial = PartialLayout.dateDir(clusterOut, date);
        assertTrue(Files.isRegularFile(partial.resolve(PartialLayout.SUCCESS)), "the job published " + partial);
        List<String> keys = List.of("alpha1_bin", "elapsed_seconds_bin");
        Path embedded = ClusterFixtures.embeddedPartial(config, work.resolve("data/rest-embedded"), date);
        Partials.assertSame(Partials.read(embedded, keys), Partials.read(partial, keys), "alpha " + date);
    }
}
