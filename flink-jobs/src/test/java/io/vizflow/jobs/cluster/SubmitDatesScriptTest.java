package io.vizflow.jobs.cluster;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code deploy/submit-dates.sh} with a stand-in launcher (printing what {@code vizflow cluster
 * --flink-cli} prints) and a stand-in {@code flink} that fails on one date.
 */
class SubmitDatesScriptTest {
    private static final Path SCRIPT = Path.of("..", "deploy", "submit-dates.sh").toAbsolutePath().normalize();

    @TempDir
    Path dir;

    private Path ran;
    private Path launcherArgs;

    @BeforeEach
    void standIns() throws Exception {
        ran = dir.resolve("ran.txt");
        launcherArgs = dir.resolve("launcher-args.txt");
        Path flink = executable("flink", "#!/usr/bin/env bash\n"
                + "date=\"${@: -1}\"\n"
                + "echo \"$date\" >> " + ran + "\n"
                + "echo \"flink output of $date\"\n"
                + "[[ \"$date\" != \"${FAIL_DATE:-}\" ]]\n");
        executable("vizflow", "#!/usr/bin/env bash\n"
                + "echo \"$*\" > " + launcherArgs + "\n"
                + "for d in 20240102 20240103 20240104; do echo \"" + flink + " run -c io.vizflow.jobs.cli.VizFlowCli /j.jar run --config /c.yaml --date $d\"; done\n");
    }

    @Test
    void everyDateRunsAndTheLauncherGetsTheClusterOptions() throws Exception {
        Result r = submit(null, "--config", "/c.yaml", "--from", "20240102", "--to", "20240104", "--jobmanager", "jm:8081");
        assertEquals(0, r.code, r.output);
        assertEquals(List.of("20240102", "20240103", "20240104"), Files.readAllLines(ran));
        assertEquals("cluster --config /c.yaml --from 20240102 --to 20240104 --jobmanager jm:8081 --flink-cli",
                Files.readString(launcherArgs).trim());
        assertTrue(r.output.contains("3 succeeded, 0 failed"), r.output);
    }

    @Test
    void theFirstFailureStopsTheRest() throws Exception {
        Result r = submit("20240103", "--config", "/c.yaml", "--from", "20240102", "--to", "20240104");
        assertEquals(1, r.code, r.output);
        assertEquals(List.of("20240102", "20240103"), Files.readAllLines(ran));
        assertTrue(r.output.contains("not run: 1 date(s)"), r.output);
    }

    @Test
    void keepGoingRunsEveryDateAndStillFails() throws Exception {
        Result r = submit("20240103", "--keep-going", "--logs", dir.resolve("logs").toString(),
                "--config", "/c.yaml", "--from", "20240102", "--to", "20240104");
        assertEquals(1, r.code, r.output);
        assertEquals(List.of("20240102", "20240103", "20240104"), Files.readAllLines(ran));
        assertTrue(r.output.contains("2 succeeded, 1 failed: 20240103"), r.output);
        assertEquals("flink output of 20240104", Files.readString(dir.resolve("logs/20240104.log")).trim());
    }

    @Test
    void dryRunOnlyPrints() throws Exception {
        Result r = submit(null, "--dry-run", "--config", "/c.yaml", "--from", "20240102", "--to", "20240104");
        assertEquals(0, r.code, r.output);
        assertTrue(Files.notExists(ran));
        assertTrue(r.output.contains("[3/3] 20240104: "), r.output);
    }

    private record Result(int code, String output) {}

    private Result submit(String failDate, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("VIZFLOW", dir.resolve("vizflow").toString());
        if (failDate != null) pb.environment().put("FAIL_DATE", failDate);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(p.waitFor(), out);
    }

    private Path executable(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }
}
