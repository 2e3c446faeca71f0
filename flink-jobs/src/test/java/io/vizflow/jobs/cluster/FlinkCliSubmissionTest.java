package io.vizflow.jobs.cluster;

import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The {@code flink run} command lines of {@code vizflow cluster --flink-cli}. */
class FlinkCliSubmissionTest {
    private static final LocalDate JAN_2 = LocalDate.of(2024, 1, 2);
    private static final String JAR = "/opt/vizflow/vizflow-jobs.jar";

    @Test
    void aDateIsFlinkRunOfTheJobJarWithTheArgumentsOfVizflowRun() {
        FlinkCliSubmission s = FlinkCliSubmission.ofConfigFile(JAR, Path.of("/etc/vizflow/posttrade.yaml"))
                .jobManager("flink-jm:8081").parallelism(4);
        assertEquals(List.of("flink", "run", "-m", "flink-jm:8081", "-p", "4", "-c", "io.vizflow.jobs.cli.VizFlowCli", JAR,
                "run", "--config", "/etc/vizflow/posttrade.yaml", "--date", "20240102"), s.command(JAN_2));
        assertEquals("flink run -m flink-jm:8081 -p 4 -c io.vizflow.jobs.cli.VizFlowCli /opt/vizflow/vizflow-jobs.jar"
                + " run --config /etc/vizflow/posttrade.yaml --date 20240102", s.shellLine(JAN_2));
    }

    @Test
    void withoutJobManagerAndParallelismTheFlinkConfigurationDecides() {
        FlinkCliSubmission s = FlinkCliSubmission.ofConfigFile(JAR, Path.of("/etc/vizflow/posttrade.yaml"))
                .flinkCommand("/opt/flink/bin/flink");
        assertEquals(List.of("/opt/flink/bin/flink", "run", "-c", "io.vizflow.jobs.cli.VizFlowCli", JAR,
                "run", "--config", "/etc/vizflow/posttrade.yaml", "--date", "20240103"), s.command(LocalDate.of(2024, 1, 3)));
    }

    @Test
    void aRelativeConfigPathIsPassedAbsolute() {
        List<String> args = FlinkCliSubmission.ofConfigFile(JAR, Path.of("samples/posttrade.yaml")).arguments(JAN_2);
        assertEquals(Path.of("samples/posttrade.yaml").toAbsolutePath().normalize().toString(),
                args.get(args.indexOf("--config") + 1));
    }

    @Test
    void inlineConfigIsOneLineOfJsonThatReadsAsTheSameConfig() throws Exception {
        String yaml = Files.readString(KubernetesManifestsTest.resource("cluster/posttrade-k8s.yaml"));
        FlinkCliSubmission s = FlinkCliSubmission.ofInlineConfig(JAR, yaml, "posttrade-k8s.yaml");
        List<String> args = s.arguments(JAN_2);
        String inline = args.get(args.indexOf("--config-inline") + 1);
        assertFalse(inline.contains("\n"), inline);
        assertFalse(args.contains("--config"));
        VizFlowConfig original = VizFlowConfig.parse(yaml, "yaml");
        VizFlowConfig passed = VizFlowConfig.parse(inline, "inline");
        assertEquals(original.metrics(), passed.metrics());
        assertEquals(original.groupBy(), passed.groupBy());
        assertEquals(original.flink(), passed.flink());
        assertEquals(original.inputDir(), passed.inputDir());
        assertEquals(1, s.shellLine(JAN_2).lines().count(), "one command per line");
    }

    @Test
    void theShellLineReadsBackAsTheSameWords() throws Exception {
        String yaml = "input_dir: /data/it's here\nmetrics: {count: \"COUNT(*)\"}\nnote: \"$HOME `x` \\\\ ;&|\"\n";
        FlinkCliSubmission s = FlinkCliSubmission.ofInlineConfig("/jars/my jar.jar", yaml, "x.yaml").jobManager("h:1");
        assertEquals(s.command(JAN_2), shellWords(s.shellLine(JAN_2)));
    }

    @Test
    void parallelismMustBePositive() {
        FlinkCliSubmission s = FlinkCliSubmission.ofConfigFile(JAR, Path.of("/c.yaml"));
        assertThrows(BadInputException.class, () -> s.parallelism(0));
    }

    /** What bash makes of a command line: its words, unquoted. */
    private static List<String> shellWords(String line) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("bash", "-c", "printf '%s\\0' " + line).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        return new ArrayList<>(Arrays.asList(out.substring(0, out.length() - 1).split("\0", -1)));
    }
}
