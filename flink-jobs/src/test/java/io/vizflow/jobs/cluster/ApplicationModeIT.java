package io.vizflow.jobs.cluster;

import io.vizflow.partial.PartialLayout;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import static io.vizflow.jobs.cluster.ClusterFixtures.POSTTRADE_KEYS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The job of an application-mode FlinkDeployment of {@code vizflow cluster --k8s} (its jar,
 * entry class and arguments, with the mounted config path pointed at a local copy) run the way
 * its JobManager pod runs it: Flink's application mode, the job's main inside the JobManager
 * process, which publishes the partial and then ends the application. The partial must equal the
 * embedded run's. Logs: {@code target/flink-cluster/application/logs/}.
 */
class ApplicationModeIT {
    private static final LocalDate DATE = LocalDate.of(2024, 1, 3);

    @Test
    @SuppressWarnings("unchecked")
    void theApplicationDeploymentsJobRunsInsideTheJobManagerAndPublishesThePartial() throws Exception {
        Path work = ClusterFixtures.freshWork("application");
        Path out = work.resolve("data/application-partials");
        Path config = ClusterFixtures.goldenConfig("posttrade", out, work);

        Map<String, Object> job = (Map<String, Object>) ((Map<String, Object>) KubernetesManifests.forConfig(config)
                .application(DATE).get("spec")).get("job");
        List<String> args = ((List<String>) job.get("args")).stream()
                .map(a -> a.equals(KubernetesManifests.CONFIG_FILE) ? config.toString() : a).toList();
        Path entrypointClasses = Path.of(ApplicationModeEntrypoint.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        try (StandaloneFlinkCluster app = StandaloneFlinkCluster.application(ClusterFixtures.clusterLib(), work,
                ClusterFixtures.jvmFlags(), entrypointClasses, ClusterFixtures.jobJar(), (String) job.get("entryClass"), args,
                Duration.ofMinutes(3))) {
            int exit = app.awaitJobManagerExit(Duration.ofMinutes(5));
            String log = Files.readString(app.logs().resolve("jobmanager.log"));
            assertEquals(0, exit, "the JobManager ends with the application\n" + app.tail("jobmanager.out") + app.tail("jobmanager.log"));
            assertTrue(log.contains("Application completed SUCCESSFULLY"), app.tail("jobmanager.log"));
        }
        assertTrue(Files.isRegularFile(PartialLayout.dateDir(out, DATE).resolve(PartialLayout.SUCCESS)), "the JobManager published the partial");

        Path embedded = ClusterFixtures.embeddedPartial(config, work.resolve("data/embedded-partials"), DATE);
        Partials.assertSame(Partials.read(embedded, POSTTRADE_KEYS), Partials.read(PartialLayout.dateDir(out, DATE), POSTTRADE_KEYS),
                "posttrade " + DATE);
    }
}
