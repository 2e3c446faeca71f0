package io.vizflow.jobs.cluster;

import io.vizflow.jobs.cli.ClusterCommand;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code vizflow cluster}: dates from the calendar or weekdays, one command per date, or manifests. */
class ClusterCommandTest {
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int cluster(String... args) {
        CommandLine cli = new CommandLine(new ClusterCommand());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void flinkCliPrintsOneFlinkRunPerWeekday() throws Exception {
        Path config = KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml");
        int code = cluster("--config", config.toString(), "--from", "20240105", "--to", "20240109", "--flink-cli",
                "--jar", "/jars/vizflow-jobs.jar", "--jobmanager", "127.0.0.1:8081", "--parallelism", "2");
        assertEquals(0, code, err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(List.of(
                "flink run -m 127.0.0.1:8081 -p 2 -c io.vizflow.jobs.cli.VizFlowCli /jars/vizflow-jobs.jar run --config " + config + " --date 20240105",
                "flink run -m 127.0.0.1:8081 -p 2 -c io.vizflow.jobs.cli.VizFlowCli /jars/vizflow-jobs.jar run --config " + config + " --date 20240108",
                "flink run -m 127.0.0.1:8081 -p 2 -c io.vizflow.jobs.cli.VizFlowCli /jars/vizflow-jobs.jar run --config " + config + " --date 20240109"),
                lines, "Friday, then Monday and Tuesday");
    }

    @Test
    void flinkCliTakesTheDatesOfTheConfigsCalendar() throws Exception {
        Path config = dir.resolve("c.yaml");
        Files.writeString(config, Files.readString(KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml"))
                + "calendar: " + KubernetesManifestsTest.resource("cluster/calendar-2024-01.csv") + "\n");
        assertEquals(0, cluster("--config", config.toString(), "--from", "20240112", "--to", "20240116", "--flink-cli",
                "--jar", "/j.jar"), err.toString());
        List<String> dates = out.toString().lines().map(l -> l.substring(l.length() - 8)).toList();
        assertEquals(List.of("20240112", "20240116"), dates, "Monday 15 is a holiday of the calendar");
    }

    @Test
    void flinkCliNotesRelativeFolders() throws Exception {
        Path config = dir.resolve("rel.yaml");
        Files.writeString(config, Files.readString(KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml"))
                .replace("input_dir: /data/raw", "input_dir: data/raw"));
        assertEquals(0, cluster("--config", config.toString(), "--from", "20240102", "--to", "20240102", "--flink-cli", "--jar", "/j.jar"));
        assertEquals(1, out.toString().lines().count());
        assertTrue(err.toString().startsWith("# note: input_dir: data/raw is relative"), err.toString());
    }

    @Test
    void k8sWritesTheManifestsAndListsThem() throws Exception {
        Path config = KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml");
        Path target = dir.resolve("k8s");
        int code = cluster("--config", config.toString(), "--from", "20240102", "--to", "20240104", "--k8s", target.toString(),
                "--image", "vizflow-jobs:test", "--session-jar", "https://example.com/v.jar", "--parallelism", "3");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().startsWith("wrote 8 manifests into " + target + " for 3 trading days 20240102..20240104"), out.toString());
        for (String f : List.of("configmap.yaml", "application/20240102.yaml", "application/20240104.yaml",
                "session/flink-session.yaml", "session/20240103.yaml")) {
            assertTrue(Files.isRegularFile(target.resolve(f)), f);
        }
        String app = Files.readString(target.resolve("application/20240103.yaml"));
        assertTrue(app.contains("image: vizflow-jobs:test"), app);
        assertTrue(app.contains("parallelism: 3"), app);
    }

    @Test
    void flinkCliAndK8sExcludeEachOtherAndOneIsRequired() throws Exception {
        String config = KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml").toString();
        assertEquals(2, cluster("--config", config, "--from", "20240102", "--to", "20240102", "--flink-cli", "--k8s", "x"));
        assertEquals(2, cluster("--config", config, "--from", "20240102", "--to", "20240102"));
    }

    @Test
    void aRangeWithoutTradingDaysIsAnError() throws Exception {
        String config = KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml").toString();
        CommandLine cli = new CommandLine(new ClusterCommand());
        cli.setErr(new PrintWriter(err, true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            cmd.getErr().println(e.getMessage());
            return 1;
        });
        assertEquals(1, cli.execute("--config", config, "--from", "20240106", "--to", "20240107", "--flink-cli", "--jar", "/j.jar"));
        assertTrue(err.toString().contains("no trading days"), err.toString());
    }
}
