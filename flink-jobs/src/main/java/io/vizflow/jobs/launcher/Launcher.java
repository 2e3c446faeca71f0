package io.vizflow.jobs.launcher;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The main class of {@code vizflow-launcher.jar}, so that
 * {@code java -jar flink-jobs/target/vizflow-launcher.jar run ...} works like {@code bin/vizflow}:
 * it starts the CLI of the job jar beside it, with the Flink runtime of {@code lib/} on the class
 * path and the JVM flags Flink needs on Java 17, in a JVM of its own (Flink's embedded cluster
 * loads user code through the system class loader, so the jars must be on the real class path).
 * The job jar itself keeps Flink out, for {@code flink run}.
 */
public final class Launcher {
    private static final String[] OPENS = {"java.util", "java.lang", "java.lang.reflect", "java.net", "java.io",
        "java.nio", "sun.nio.ch", "java.util.concurrent", "java.text", "java.time"};

    /** C2 compiles only what is really hot (see bin/vizflow). */
    static final List<String> JIT = List.of("-XX:Tier4InvocationThreshold=200000",
            "-XX:Tier4MinInvocationThreshold=20000", "-XX:Tier4CompileThreshold=250000",
            "-XX:Tier4BackEdgeThreshold=400000");

    /** The commands that run a day's job (and get its heap and memory settings). */
    private static final List<String> RUNS_A_JOB = List.of("run", "run-batch", "bench");

    private Launcher() {}

    public static void main(String[] args) throws Exception {
        Path here = Path.of(Launcher.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        File jobJar = here.resolve("vizflow-jobs.jar").toFile();
        if (!jobJar.isFile() || !here.resolve("lib").toFile().isDirectory()) {
            System.err.println("vizflow: expected vizflow-jobs.jar and lib/ next to " + here
                    + "; build with: mvn -q -DskipTests install");
            System.exit(2);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> cmd = new ArrayList<>(List.of(java));
        for (String p : OPENS) cmd.add("--add-opens=java.base/" + p + "=ALL-UNNAMED");
        String heap = System.getenv("VIZFLOW_HEAP");
        if (heap != null && !heap.isBlank()) {
            cmd.add("-Xmx" + heap);
        } else {
            cmd.addAll(defaultHeap(args));
        }
        cmd.addAll(directMemory(args));
        cmd.add("-XX:+UseParallelGC");
        cmd.addAll(JIT); // as bin/vizflow
        cmd.addAll(classDataArchive(here.resolve("vizflow-cds.jsa"), jobJar.toPath(), System.getenv("VIZFLOW_CDS")));
        cmd.add("-cp");
        cmd.add(jobJar + File.pathSeparator + here.resolve("lib") + File.separator + "*");
        cmd.add("io.vizflow.jobs.cli.VizFlowCli");
        cmd.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        mallocSettings(args, System.getenv()).forEach(pb.environment()::put);
        Process p = pb.start();
        System.exit(p.waitFor());
    }

    /**
     * 640 MB of heap per date run at once ({@code run-batch --parallel N}), half of it young, taken
     * and touched at start by the commands that run a day's job, as bin/vizflow: a date's live set is a fraction of it, a larger heap
     * only lets the collector grow it with the day, most objects of a run die young, and a heap
     * touched whole at start makes the footprint the same for a short day as for a long one. In
     * ordinary pages, not transparent huge pages, which cost ~3x as much to touch on a virtual
     * machine that gives free memory back to its host (bin/vizflow).
     */
    static List<String> defaultHeap(String[] args) {
        int parallel = parallel(args);
        String mb = (640 * parallel) + "m";
        String young = "-Xmn" + (320 * parallel) + "m";
        // only the commands that run a day's job touch their heap first: query, consolidate and the UI start light
        return runsAJob(args) ? List.of("-Xmx" + mb, "-Xms" + mb, young, "-XX:+AlwaysPreTouch") : List.of("-Xmx" + mb, young);
    }

    /**
     * The direct memory of the commands that run a day's job, as bin/vizflow sets it: 256 MB per
     * date run at once, Flink's own rule for a TaskManager's JVM (framework off-heap + task
     * off-heap + network memory: 128 + 0 + 64 MB in the embedded cluster's defaults) and 64 MB for
     * the JDK's own. Every date starts a cluster whose network buffers are direct buffers, freed
     * only when the collector finds them dead; the limit makes the JVM collect them before the
     * next date's cluster takes more, so a long {@code run-batch} (or {@code bench --repeat}) stays
     * in the memory of its first dates instead of growing by ~300 MB a date.
     */
    static List<String> directMemory(String[] args) {
        return runsAJob(args) ? List.of("-XX:MaxDirectMemorySize=" + (256 * parallel(args)) + "m") : List.of();
    }

    /** The dates run at once ({@code --parallel N} of run-batch), 1 if not given or not a count. */
    private static int parallel(String[] args) {
        int parallel = 1;
        for (int i = 0; i < args.length; i++) {
            String value = args[i].startsWith("--parallel=") ? args[i].substring("--parallel=".length())
                    : args[i].equals("--parallel") && i + 1 < args.length ? args[i + 1] : null;
            if (value != null && value.matches("[1-9][0-9]{0,2}")) parallel = Integer.parseInt(value);
        }
        return parallel;
    }

    private static boolean runsAJob(String[] args) {
        return args.length > 0 && RUNS_A_JOB.contains(args[0]);
    }

    /**
     * glibc malloc's settings for the commands that run a day's job, as bin/vizflow sets them
     * (those already in {@code env} win): large blocks (Arrow's batch buffers, Flink's memory
     * segments) are served from malloc's heap and kept there, not unmapped and faulted in again
     * for the next batch; and two arenas, not one for each of the threads each date's cluster
     * starts (up to 16 on 2 cores), where what one date freed sat unused beside the next date's
     * (a 1M-row day run 14 times in one JVM: 1.06 -> 2.96 GB peak RSS). Other C libraries ignore them.
     */
    static Map<String, String> mallocSettings(String[] args, Map<String, String> env) {
        if (!runsAJob(args)) return Map.of();
        Map<String, String> settings = new TreeMap<>(Map.of("MALLOC_MMAP_THRESHOLD_", "268435456",
                "MALLOC_TRIM_THRESHOLD_", "1073741824", "MALLOC_TOP_PAD_", "268435456", "MALLOC_ARENA_MAX", "2"));
        settings.keySet().removeAll(env.keySet());
        return settings;
    }

    /**
     * The JVM flags that map the build's class-data archive (made by its training run, see
     * flink-jobs/pom.xml), as bin/vizflow does: none if it is missing, not newer than the job jar
     * (made for another build) or {@code VIZFLOW_CDS} is {@code 0}.
     */
    static List<String> classDataArchive(Path archive, Path jobJar, String setting) {
        try {
            if ("0".equals(setting) || !Files.isRegularFile(archive)
                    || Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jobJar)) <= 0) {
                return List.of();
            }
        } catch (IOException e) {
            return List.of();
        }
        return List.of("-XX:SharedArchiveFile=" + archive, "-Xlog:cds=off", "-Xlog:cds+dynamic=off");
    }
}
