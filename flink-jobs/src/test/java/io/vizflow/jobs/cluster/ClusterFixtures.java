package io.vizflow.jobs.cluster;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.DailyJob;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** What the real-cluster tests share: the failsafe settings, golden configs with absolute folders, the embedded run. */
final class ClusterFixtures {
    static final List<String> POSTTRADE_KEYS = List.of("alpha1_bin", "side", "is_closed");

    private ClusterFixtures() {}

    /** target/flink-cluster-lib: Flink's own jars, the cluster's lib/. */
    static Path clusterLib() { return Path.of(property("vizflow.cluster.lib")); }

    /** target/vizflow-jobs.jar: the shaded job jar, as built. */
    static Path jobJar() { return Path.of(property("vizflow.jobs.jar")); }

    /** A fresh work folder under target/flink-cluster (kept after the test, with the logs). */
    static Path freshWork(String name) throws IOException {
        Path dir = Path.of(property("vizflow.cluster.work")).resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> all = Files.walk(dir)) {
                for (Path p : all.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
        return Files.createDirectories(dir);
    }

    /** The JVM flags Flink and Arrow need on Java 17 (the parent pom's vizflow.jvm.flags). */
    static List<String> jvmFlags() {
        return Arrays.asList(property("vizflow.jvm.flags").trim().split("\\s+"));
    }

    /** A golden config with absolute input and output folders (the client, JobManager and TaskManager all see them). */
    static Path goldenConfig(String pipeline, Path outputDir, Path into) throws IOException {
        Path golden;
        try {
            golden = Path.of(ClusterFixtures.class.getResource("/golden/" + pipeline + ".yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        String yaml = Files.readString(golden)
                .replace("input_dir: data/raw", "input_dir: " + golden.resolveSibling("raw").toAbsolutePath())
                .replace("output_dir: data/partials", "output_dir: " + outputDir.toAbsolutePath());
        Path config = into.resolve(pipeline + ".yaml");
        Files.writeString(config, yaml);
        return config;
    }

    /** The partial of the same config and date from the embedded MiniCluster, in this JVM. */
    static Path embeddedPartial(Path config, Path outputDir, LocalDate date) throws Exception {
        return new DailyJob(VizFlowConfig.load(config).withOutputDir(outputDir), date).run().partial();
    }

    private static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) throw new IllegalStateException(name + " is not set: run this test with `mvn verify` (maven-failsafe-plugin)");
        return v;
    }
}
