package io.vizflow.jobs.cluster;

import io.vizflow.BadInputException;
import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;

import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import org.apache.flink.kubernetes.operator.api.FlinkDeployment;
import org.apache.flink.kubernetes.operator.api.FlinkSessionJob;
import org.apache.flink.kubernetes.operator.api.spec.FlinkVersion;
import org.apache.flink.kubernetes.operator.api.spec.JobSpec;
import org.apache.flink.kubernetes.operator.api.spec.UpgradeMode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The manifests of {@code vizflow cluster --k8s}, read back for every date of a range with the
 * Flink Kubernetes operator's own model classes ({@code flink-kubernetes-operator-api} 1.10.0) and
 * checked against its CRD schemas. That API's {@code FlinkVersion} and CRDs stop at {@code v1_20};
 * operator 1.15.0 lists {@code v2_2} (Flink 2.2), so the reader maps a {@code v2_x} version to
 * null (asserted as text instead) and the CRD check allows {@code v2_2} on top of its own enum.
 */
class KubernetesManifestsTest {
    private static final LocalDate FROM = LocalDate.of(2024, 1, 1);
    private static final LocalDate TO = LocalDate.of(2024, 1, 31);
    private static final String IMAGE = "registry.example.com/vizflow-jobs:0.1.0";
    private static final String SESSION_JAR = "https://artifacts.example.com/vizflow/vizflow-jobs-0.1.0.jar";

    /** The operator model classes, strict about unknown fields, lenient only about Flink 2.x versions. */
    private static final ObjectMapper MODEL = new ObjectMapper(new YAMLFactory())
            .addHandler(new DeserializationProblemHandler() {
                @Override
                public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> type, String value, String msg) {
                    return type == FlinkVersion.class && value.matches("v2_\\d+") ? null : NOT_HANDLED;
                }
            });
    private static final ObjectMapper TREE = new ObjectMapper(new YAMLFactory());

    private static CrdSchema deployments;
    private static CrdSchema sessionJobs;

    @TempDir
    Path dir;

    @BeforeAll
    static void loadCrds() {
        deployments = CrdSchema.load("flinkdeployments.flink.apache.org-v1.yml", "v1beta1");
        if (!deployments.enumOf("spec.flinkVersion").contains(KubernetesManifests.FLINK_VERSION)) {
            deployments.allowing("spec.flinkVersion", KubernetesManifests.FLINK_VERSION);
        }
        sessionJobs = CrdSchema.load("flinksessionjobs.flink.apache.org-v1.yml", "v1beta1");
    }

    @Test
    void everyWeekdayOfTheRangeGetsAnApplicationDeploymentTheOperatorAccepts() throws Exception {
        Path config = resource("cluster/posttrade-k8s.yaml");
        List<LocalDate> dates = ClusterDates.between(VizFlowConfig.load(config), FROM, TO);
        assertEquals(23, dates.size(), "January 2024 has 23 weekdays");

        KubernetesManifests k8s = KubernetesManifests.forConfig(config).image(IMAGE).parallelism(4).namespace("markets");
        k8s.write(dir, dates);

        assertEquals(dates.stream().map(d -> TradingCalendar.format(d) + ".yaml").collect(Collectors.toCollection(TreeSet::new)),
                fileNames(dir.resolve("application")), "one application per date");
        for (LocalDate date : dates) {
            Path file = dir.resolve("application").resolve(TradingCalendar.format(date) + ".yaml");
            FlinkDeployment app = readDeployment(file);
            assertEquals("vizflow-posttrade-k8s-" + TradingCalendar.format(date), app.getMetadata().getName());
            assertEquals("markets", app.getMetadata().getNamespace());
            assertEquals(TradingCalendar.format(date), app.getMetadata().getLabels().get("vizflow/date"));
            assertEquals(IMAGE, app.getSpec().getImage());
            assertEquals("v2_2", TREE.readTree(file.toFile()).at("/spec/flinkVersion").asText());
            assertJob(app.getSpec().getJob(), KubernetesManifests.DEFAULT_JAR, 4, date);
            assertEquals("1024m", app.getSpec().getJobManager().getResource().getMemory());
            assertEquals(1.0, app.getSpec().getJobManager().getResource().getCpu());
            assertEquals("2048m", app.getSpec().getTaskManager().getResource().getMemory());
            assertEquals("2", app.getSpec().getFlinkConfiguration().get("taskmanager.numberOfTaskSlots"));
            assertEquals("flink", app.getSpec().getServiceAccount());
            assertTrue(app.getSpec().getFlinkConfiguration().get("env.java.opts.all").contains("--add-opens=java.base/java.nio=ALL-UNNAMED"));
            assertMountsConfigAndData(app.getSpec().getPodTemplate(), k8s.configMapName());
        }
    }

    @Test
    void sessionClusterAndOneSessionJobPerDateWhenTheOperatorCanDownloadTheJar() throws Exception {
        Path config = resource("cluster/posttrade-k8s.yaml");
        List<LocalDate> dates = ClusterDates.between(VizFlowConfig.load(config), FROM, TO);
        KubernetesManifests k8s = KubernetesManifests.forConfig(config).image(IMAGE).sessionJarUri(SESSION_JAR).parallelism(3);
        k8s.write(dir, dates);

        FlinkDeployment session = readDeployment(dir.resolve("session/flink-session.yaml"));
        assertEquals("vizflow-posttrade-k8s-session", session.getMetadata().getName());
        assertEquals(IMAGE, session.getSpec().getImage());
        assertNull(session.getSpec().getJob(), "a session cluster has no job of its own");
        assertMountsConfigAndData(session.getSpec().getPodTemplate(), k8s.configMapName());

        for (LocalDate date : dates) {
            FlinkSessionJob job = readSessionJob(dir.resolve("session").resolve(TradingCalendar.format(date) + ".yaml"));
            assertEquals("vizflow-posttrade-k8s-" + TradingCalendar.format(date), job.getMetadata().getName());
            assertEquals(session.getMetadata().getName(), job.getSpec().getDeploymentName());
            assertJob(job.getSpec().getJob(), SESSION_JAR, 3, date);
        }
        assertEquals(dates.size() + 1, fileNames(dir.resolve("session")).size());
        assertTrue(k8s.warnings().isEmpty(), "absolute paths under /data, a downloadable jar: " + k8s.warnings());
    }

    @Test
    void noSessionJobsFromAJarThatIsOnlyInTheImageAndTheNoteSaysWhy() throws Exception {
        KubernetesManifests k8s = KubernetesManifests.forConfig(resource("cluster/posttrade-k8s.yaml"));
        k8s.write(dir, List.of(LocalDate.of(2024, 1, 2)));

        assertEquals(Set.of("flink-session.yaml"), fileNames(dir.resolve("session")));
        assertTrue(k8s.warnings().stream().anyMatch(w -> w.contains("--session-jar")), k8s.warnings().toString());
        assertThrows(BadInputException.class, () -> k8s.sessionJob(LocalDate.of(2024, 1, 2)));
    }

    @Test
    void configMapHoldsTheConfigTextThePodsRead() throws Exception {
        Path config = resource("cluster/posttrade-k8s.yaml");
        KubernetesManifests.forConfig(config).write(dir, List.of(LocalDate.of(2024, 1, 2)));

        ConfigMap map = MODEL.readValue(dir.resolve("configmap.yaml").toFile(), ConfigMap.class);
        assertEquals("vizflow-posttrade-k8s-config", map.getMetadata().getName());
        assertEquals(Files.readString(config), map.getData().get("config.yaml"), "the config as written, comments and all");
        assertEquals(Set.of("config.yaml"), map.getData().keySet());
    }

    @Test
    void calendarDatesOnlyAndTheCalendarTravelsInTheConfigMap() throws Exception {
        Path calendar = resource("cluster/calendar-2024-01.csv");
        Path config = dir.resolve("posttrade.yaml");
        Files.writeString(config, Files.readString(resource("cluster/posttrade-k8s.yaml")) + "calendar: " + calendar + "\n");
        List<LocalDate> dates = ClusterDates.between(VizFlowConfig.load(config), LocalDate.of(2024, 1, 2), TO);
        assertEquals(TradingCalendar.load(calendar).dates(), dates);
        assertFalse(dates.contains(LocalDate.of(2024, 1, 15)), "a holiday of the calendar");

        Path out = dir.resolve("k8s");
        KubernetesManifests.forConfig(config).write(out, dates);
        assertEquals(dates.size(), fileNames(out.resolve("application")).size());

        ConfigMap map = MODEL.readValue(out.resolve("configmap.yaml").toFile(), ConfigMap.class);
        assertEquals(Files.readString(calendar), map.getData().get("calendar.csv"));
        VizFlowConfig mounted = VizFlowConfig.parse(map.getData().get("config.yaml"), "config.yaml");
        assertEquals(Path.of(KubernetesManifests.CALENDAR_FILE), mounted.calendar(), "the calendar as mounted in the pods");
        assertEquals(VizFlowConfig.load(config).metrics(), mounted.metrics());
        assertEquals(Path.of("/data/raw"), mounted.inputDir());
    }

    @Test
    void relativeFoldersAndFoldersOutsideTheDataVolumeAreNoted(@TempDir Path tmp) throws Exception {
        Path config = tmp.resolve("rel.yaml");
        Files.writeString(config, Files.readString(resource("cluster/posttrade-k8s.yaml"))
                .replace("input_dir: /data/raw", "input_dir: data/raw")
                .replace("output_dir: /data/partials", "output_dir: /mnt/partials"));
        List<String> notes = KubernetesManifests.forConfig(config).sessionJarUri(SESSION_JAR).warnings();
        assertEquals(2, notes.size(), notes.toString());
        assertTrue(notes.get(0).startsWith("input_dir: data/raw is relative"), notes.get(0));
        assertTrue(notes.get(1).startsWith("output_dir: /mnt/partials is not under the data volume /data"), notes.get(1));
    }

    @Test
    void namesThatAreNoFlinkClusterIdAreRefused() throws Exception {
        KubernetesManifests k8s = KubernetesManifests.forConfig(resource("cluster/posttrade-k8s.yaml"))
                .name("a-name-far-too-long-for-a-flink-cluster-id-x");
        BadInputException e = assertThrows(BadInputException.class, () -> k8s.write(dir, List.of(LocalDate.of(2024, 1, 2))));
        assertTrue(e.getMessage().contains("at most 45 characters"), e.getMessage());
        assertThrows(BadInputException.class, () -> k8s.name("Upper_Case").write(dir, List.of(LocalDate.of(2024, 1, 2))));
    }

    @Test
    void defaultNameComesFromTheConfigFileName() {
        assertEquals("vizflow-posttrade", KubernetesManifests.defaultName(Path.of("configs/posttrade.yaml")));
        assertEquals("vizflow-alpha-v2", KubernetesManifests.defaultName(Path.of("Alpha_V2.yml")));
    }

    @Test
    void theCrdCheckRefusesUnknownFieldsWrongTypesAndVersions() throws Exception {
        KubernetesManifests k8s = KubernetesManifests.forConfig(resource("cluster/posttrade-k8s.yaml"));
        JsonNode good = TREE.readTree(KubernetesManifests.toYaml(k8s.application(LocalDate.of(2024, 1, 2))));
        assertEquals(List.of(), deployments.violations(good));

        ObjectNode bad = good.deepCopy();
        ((ObjectNode) bad.at("/spec/job")).put("jarUri", "typo");
        ((ObjectNode) bad.at("/spec/job")).put("parallelism", "four");
        ((ObjectNode) bad.at("/spec")).put("flinkVersion", "v2_9");
        List<String> v = deployments.violations(bad);
        assertTrue(v.contains("spec.job.jarUri: unknown field"), v.toString());
        assertTrue(v.contains("spec.job.parallelism: expected an integer, got \"four\""), v.toString());
        assertTrue(v.stream().anyMatch(s -> s.startsWith("spec.flinkVersion: v2_9 is not one of")), v.toString());
    }

    @Test
    void theCommittedK8sExamplesAreValidManifests() throws Exception {
        Path examples = Path.of("..", "k8s", "examples").toAbsolutePath().normalize();
        assertTrue(Files.isDirectory(examples), examples + " exists");
        int checked = 0;
        try (Stream<Path> files = Files.walk(examples)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
                String kind = TREE.readTree(f.toFile()).path("kind").asText();
                switch (kind) {
                    case "FlinkDeployment" -> readDeployment(f);
                    case "FlinkSessionJob" -> readSessionJob(f);
                    case "ConfigMap" -> MODEL.readValue(f.toFile(), ConfigMap.class);
                    default -> throw new AssertionError(f + ": unexpected kind " + kind);
                }
                checked++;
            }
        }
        assertTrue(checked >= 4, "examples checked: " + checked);
    }

    private static void assertJob(JobSpec job, String jar, int parallelism, LocalDate date) {
        assertEquals(jar, job.getJarURI());
        assertEquals("io.vizflow.jobs.cli.VizFlowCli", job.getEntryClass());
        assertArrayEquals(new String[] {"run", "--config", "/opt/vizflow/config/config.yaml", "--date", TradingCalendar.format(date)},
                job.getArgs());
        assertEquals(parallelism, job.getParallelism());
        assertEquals(UpgradeMode.STATELESS, job.getUpgradeMode());
    }

    private static void assertMountsConfigAndData(PodTemplateSpec pod, String configMap) {
        assertEquals(9999L, pod.getSpec().getSecurityContext().getFsGroup(), "user flink of the image writes to the data volume");
        Container main = pod.getSpec().getContainers().get(0);
        assertEquals("flink-main-container", main.getName(), "the container the operator merges the template into");
        Map<String, String> mounts = main.getVolumeMounts().stream()
                .collect(Collectors.toMap(VolumeMount::getName, VolumeMount::getMountPath));
        assertEquals(Map.of("vizflow-config", "/opt/vizflow/config", "vizflow-data", "/data"), mounts);
        Map<String, Volume> volumes = pod.getSpec().getVolumes().stream().collect(Collectors.toMap(Volume::getName, v -> v));
        assertEquals(configMap, volumes.get("vizflow-config").getConfigMap().getName());
        assertEquals("vizflow-data", volumes.get("vizflow-data").getPersistentVolumeClaim().getClaimName());
    }

    /** A FlinkDeployment through the operator's model class, after the CRD check. */
    private static FlinkDeployment readDeployment(Path file) throws IOException {
        assertEquals(List.of(), deployments.violations(TREE.readTree(file.toFile())), file.toString());
        FlinkDeployment d = MODEL.readValue(file.toFile(), FlinkDeployment.class);
        assertEquals("flink.apache.org/v1beta1", d.getApiVersion());
        assertEquals("FlinkDeployment", d.getKind());
        return d;
    }

    private static FlinkSessionJob readSessionJob(Path file) throws IOException {
        assertEquals(List.of(), sessionJobs.violations(TREE.readTree(file.toFile())), file.toString());
        FlinkSessionJob j = MODEL.readValue(file.toFile(), FlinkSessionJob.class);
        assertEquals("flink.apache.org/v1beta1", j.getApiVersion());
        assertEquals("FlinkSessionJob", j.getKind());
        return j;
    }

    private static Set<String> fileNames(Path folder) throws IOException {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).collect(Collectors.toCollection(TreeSet::new));
        }
    }

    static Path resource(String path) throws URISyntaxException {
        return Path.of(KubernetesManifestsTest.class.getResource("/" + path).toURI());
    }
}
