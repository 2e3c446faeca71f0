package io.vizflow.jobs.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A real Flink standalone cluster (session or application mode) on 127.0.0.1, from Flink's own jars (the folder
 * {@code target/flink-cluster-lib}): a JobManager and a TaskManager, each its own {@code java}
 * process, as the distribution's scripts would start them (see
 * {@code /work/shared/notes/standalone-flink-cluster.md}). Everything lives under one work folder:
 * {@code conf/}, {@code logs/} (the processes' logs and output, kept for diagnosis), {@code tmp/}.
 * {@link #close()} stops exactly the processes it started.
 */
final class StandaloneFlinkCluster implements AutoCloseable {
    static final String JOBMANAGER = "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    static final String TASKMANAGER = "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";
    static final String CLI = "org.apache.flink.client.cli.CliFrontend";

    private final Path lib;
    private final Path work;
    private final List<String> jvmFlags;
    private final int restPort;
    private final int rpcPort;
    private final List<Process> started = new ArrayList<>();
    private Process jobManager;
    private final Thread killOnExit = new Thread(this::destroyAll, "stop-standalone-flink");
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private StandaloneFlinkCluster(Path lib, Path work, List<String> jvmFlags) {
        this.lib = lib;
        this.work = work;
        this.jvmFlags = jvmFlags;
        this.restPort = freePort();
        this.rpcPort = freePort();
    }

    /** A session cluster: starts the JobManager, then the TaskManager, and waits until the JobManager counts it. */
    static StandaloneFlinkCluster session(Path lib, Path work, List<String> jvmFlags, Duration timeout) throws Exception {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(lib, work, jvmFlags);
        try {
            cluster.startJobManager(List.of(JOBMANAGER, "--configDir", cluster.conf().toString()), null, timeout);
            cluster.startTaskManager();
            cluster.awaitOverview(o -> o.path("taskmanagers").asInt() == 1, "1 TaskManager registered", timeout);
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * An application cluster, as the operator runs one per FlinkDeployment with a job: the
     * JobManager runs the program's main itself ({@link ApplicationModeEntrypoint}, on the test
     * classes) and exits when the application ends; see {@link #awaitJobManagerExit}.
     */
    static StandaloneFlinkCluster application(Path lib, Path work, List<String> jvmFlags, Path entrypointClasses,
                                              Path jar, String entryClass, List<String> args, Duration timeout) throws Exception {
        StandaloneFlinkCluster cluster = new StandaloneFlinkCluster(lib, work, jvmFlags);
        try {
            List<String> main = new ArrayList<>(List.of(ApplicationModeEntrypoint.class.getName(), cluster.conf().toString(),
                    jar.toString(), entryClass));
            main.addAll(args);
            cluster.startJobManager(main, entrypointClasses, timeout);
            cluster.startTaskManager();
            return cluster;
        } catch (Exception | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startJobManager(List<String> main, Path extraClasspath, Duration timeout) throws Exception {
        Runtime.getRuntime().addShutdownHook(killOnExit);
        writeConf();
        jobManager = java("jobmanager", List.of("-Xms512m", "-Xmx512m"), extraClasspath, main);
        started.add(jobManager);
        awaitOverview(o -> true, "the JobManager's REST endpoint", timeout);
    }

    /** heap = framework.heap + task.heap; direct = framework.off-heap + task.off-heap + network (see writeConf) */
    private void startTaskManager() throws IOException {
        started.add(java("taskmanager", List.of("-Xms384m", "-Xmx384m", "-XX:MaxDirectMemorySize=256m", "-XX:MaxMetaspaceSize=160m"),
                null, List.of(TASKMANAGER, "--configDir", conf().toString())));
    }

    /** The JobManager's exit code, once it has exited (an application cluster ends with its application). */
    int awaitJobManagerExit(Duration timeout) throws InterruptedException {
        if (!jobManager.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the JobManager did not exit within " + timeout + "\n" + tail("jobmanager.log"));
        }
        return jobManager.exitValue();
    }

    int restPort() { return restPort; }
    String jobManagerAddress() { return "127.0.0.1:" + restPort; }
    Path conf() { return work.resolve("conf"); }
    Path logs() { return work.resolve("logs"); }

    /**
     * Runs the Flink CLI ({@code CliFrontend}, what {@code bin/flink} starts) in its own process
     * with the given arguments; its output and log go to {@code logs/NAME.out} and {@code NAME.log}.
     */
    Result flink(String name, List<String> args, Duration timeout) throws Exception {
        List<String> main = new ArrayList<>(List.of(CLI));
        main.addAll(args);
        Process p = java(name, List.of("-Xmx512m"), null, main);
        started.add(p);
        try {
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("flink " + String.join(" ", args) + " did not end within " + timeout
                        + "; see " + logs().resolve(name + ".out") + "\n" + tail(name + ".out") + tail(name + ".log"));
            }
            return new Result(p.exitValue(), Files.readString(logs().resolve(name + ".out")), logs().resolve(name + ".log"));
        } finally {
            stop(p);
            started.remove(p);
        }
    }

    record Result(int exitCode, String output, Path log) {}

    /**
     * Submits the job jar through the REST API the way the Flink Kubernetes operator submits a
     * FlinkSessionJob ({@code POST /jars/upload}, then {@code POST /jars/:id/run}); returns the job id.
     */
    String submitThroughRest(Path jar, String entryClass, List<String> args, int parallelism) throws Exception {
        String boundary = "vizflow" + System.nanoTime();
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"jarfile\"; filename=\""
                + jar.getFileName() + "\"\r\nContent-Type: application/x-java-archive\r\n\r\n").getBytes();
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes();
        HttpRequest upload = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/jars/upload"))
                .timeout(Duration.ofMinutes(2))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.concat(HttpRequest.BodyPublishers.ofByteArray(head),
                        HttpRequest.BodyPublishers.ofFile(jar), HttpRequest.BodyPublishers.ofByteArray(tail)))
                .build();
        HttpResponse<String> up = http.send(upload, HttpResponse.BodyHandlers.ofString());
        if (up.statusCode() != 200) throw new IOException("/jars/upload answered " + up.statusCode() + ": " + up.body());
        ObjectMapper json = new ObjectMapper();
        String jarId = Path.of(json.readTree(up.body()).path("filename").asText()).getFileName().toString();
        com.fasterxml.jackson.databind.node.ObjectNode body = json.createObjectNode();
        body.put("entryClass", entryClass);
        body.put("parallelism", parallelism);
        com.fasterxml.jackson.databind.node.ArrayNode list = body.putArray("programArgsList");
        args.forEach(list::add);
        HttpRequest run = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/jars/" + jarId + "/run"))
                .timeout(Duration.ofMinutes(3))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
                .build();
        HttpResponse<String> r = http.send(run, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("/jars/" + jarId + "/run answered " + r.statusCode() + ": " + r.body());
        return json.readTree(r.body()).path("jobid").asText();
    }

    /** Waits for a job to reach a terminal state and returns it (FINISHED, FAILED, CANCELED). */
    String awaitJob(String jobId, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/jobs/" + jobId))
                    .timeout(Duration.ofSeconds(10)).GET().build();
            HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 200) {
                String state = new ObjectMapper().readTree(r.body()).path("state").asText();
                if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) return state;
            }
            Thread.sleep(500);
        }
        throw new AssertionError("job " + jobId + " did not end within " + timeout);
    }

    /** GET {@code /overview} of the JobManager's REST API. */
    JsonNode overview() throws IOException, InterruptedException {
        HttpRequest get = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + restPort + "/overview"))
                .timeout(Duration.ofSeconds(10)).GET().build();
        HttpResponse<String> r = http.send(get, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IOException("/overview answered " + r.statusCode() + ": " + r.body());
        return new ObjectMapper().readTree(r.body());
    }

    private void awaitOverview(java.util.function.Predicate<JsonNode> ready, String what, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : started) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process exited (code " + p.exitValue() + ") before " + what
                            + "; logs in " + logs() + "\n" + tail("jobmanager.out") + tail("taskmanager.out")
                            + tail("jobmanager.log") + tail("taskmanager.log"));
                }
            }
            try {
                JsonNode o = overview();
                last = o.toString();
                if (ready.test(o)) return;
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("no " + what + " within " + timeout + " (last /overview: " + last + "); logs in "
                + logs() + "\n" + tail("jobmanager.log") + tail("taskmanager.log"));
    }

    /** Flink's config.yaml for a small cluster bound to loopback (TaskManager memory set in full: no scripts compute it). */
    private void writeConf() throws IOException {
        Files.createDirectories(conf());
        Files.createDirectories(logs());
        Map<String, String> c = new LinkedHashMap<>();
        c.put("jobmanager.rpc.address", "127.0.0.1");
        c.put("jobmanager.rpc.port", Integer.toString(rpcPort));
        c.put("jobmanager.bind-host", "127.0.0.1");
        c.put("rest.address", "127.0.0.1");
        c.put("rest.bind-address", "127.0.0.1");
        c.put("rest.port", Integer.toString(restPort));
        c.put("taskmanager.host", "127.0.0.1");
        c.put("taskmanager.bind-host", "127.0.0.1");
        c.put("taskmanager.numberOfTaskSlots", "2");
        c.put("parallelism.default", "2");
        c.put("taskmanager.cpu.cores", "2");
        c.put("taskmanager.memory.framework.heap.size", "128m");
        c.put("taskmanager.memory.task.heap.size", "256m");
        c.put("taskmanager.memory.framework.off-heap.size", "128m");
        c.put("taskmanager.memory.task.off-heap.size", "0m");
        c.put("taskmanager.memory.network.min", "128m");
        c.put("taskmanager.memory.network.max", "128m");
        c.put("taskmanager.memory.managed.size", "128m");
        c.put("taskmanager.memory.jvm-metaspace.size", "160m");
        c.put("taskmanager.memory.jvm-overhead.min", "96m");
        c.put("taskmanager.memory.jvm-overhead.max", "96m");
        c.put("io.tmp.dirs", work.resolve("tmp").toString());
        c.put("web.upload.dir", work.resolve("upload").toString());
        c.put("heartbeat.timeout", "120000");
        Files.createDirectories(work.resolve("tmp"));
        Files.createDirectories(work.resolve("upload"));
        StringBuilder yaml = new StringBuilder();
        c.forEach((k, v) -> yaml.append(k).append(": ").append(v).append('\n'));
        Files.writeString(conf().resolve("config.yaml"), yaml);
        Files.writeString(conf().resolve("log4j.properties"), String.join("\n",
                "rootLogger.level = INFO",
                "rootLogger.appenderRef.file.ref = File",
                "appender.file.name = File",
                "appender.file.type = File",
                "appender.file.fileName = ${sys:log.file}",
                "appender.file.layout.type = PatternLayout",
                "appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} [%t] - %m%n",
                "logger.netty.name = org.apache.flink.shaded.netty4",
                "logger.netty.level = WARN",
                ""));
    }

    /** A java process on lib/* (and extra classes), its stdout and stderr in logs/NAME.out, its log in logs/NAME.log. */
    private Process java(String name, List<String> heap, Path extraClasspath, List<String> mainAndArgs) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmFlags);
        cmd.addAll(heap);
        cmd.add("-XX:+UseSerialGC");
        cmd.add("-Dlog.file=" + logs().resolve(name + ".log"));
        cmd.add("-Dlog4j.configurationFile=" + conf().resolve("log4j.properties").toUri());
        cmd.add("-cp");
        cmd.add(lib.toAbsolutePath() + "/*" + (extraClasspath != null ? java.io.File.pathSeparator + extraClasspath : ""));
        cmd.addAll(mainAndArgs);
        ProcessBuilder pb = new ProcessBuilder(cmd)
                .directory(work.toFile())
                .redirectErrorStream(true)
                .redirectOutput(logs().resolve(name + ".out").toFile());
        pb.environment().put("FLINK_CONF_DIR", conf().toString());
        Files.writeString(logs().resolve(name + ".cmd"), String.join(" ", cmd) + "\n");
        return pb.start();
    }

    String tail(String file) {
        try {
            List<String> lines = Files.readAllLines(logs().resolve(file));
            return "--- " + file + " (last lines)\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size())) + "\n";
        } catch (IOException | UncheckedIOException e) {
            return "--- " + file + ": " + e + "\n";
        }
    }

    private static void stop(Process p) {
        if (!p.isAlive()) return;
        p.destroy();
        try {
            if (!p.waitFor(30, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private void destroyAll() {
        for (int i = started.size() - 1; i >= 0; i--) stop(started.get(i));
    }

    /** Stops the TaskManager, then the JobManager (and a CLI still running), by their process handles. */
    @Override
    public void close() {
        destroyAll();
        started.clear();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running already
        }
    }

    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
