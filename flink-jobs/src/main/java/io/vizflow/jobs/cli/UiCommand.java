package io.vizflow.jobs.cli;

import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vizflow ui --config FILE [--port 8080] [--host 127.0.0.1]}: the exploration web app over
 * the consolidated dataset of the config (CONTRACT section 7). The app is its own Spring Boot jar,
 * {@code vizflow-ui/target/vizflow-ui.jar} (no Flink in it, no Vaadin here): this command checks the
 * config and runs that jar in a JVM of its own until it stops (Ctrl-C stops both).
 */
@Command(name = "ui", mixinStandardHelpOptions = true,
        description = "Start the exploration web app (heatmap, lines, table) over the consolidated dataset of the config "
                + "(run `vizflow consolidate` first); it listens on 127.0.0.1 unless --host says otherwise.")
final class UiCommand implements Callable<Integer> {
    /** Where the build puts the UI jar, relative to the project folder. */
    static final String UI_JAR = "vizflow-ui/target/vizflow-ui.jar";

    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML config (its consolidated_dir).")
    Path config;

    @Option(names = "--port", defaultValue = "8080", description = "The port (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "The address to listen on (default ${DEFAULT-VALUE}; 0.0.0.0 for every interface).")
    String host;

    @Option(names = "--ui-jar", description = "The UI jar (default: $VIZFLOW_UI_JAR, else " + UI_JAR + " of this build).")
    Path uiJar;

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65_535) throw new ParameterException(spec.commandLine(), "--port: " + port + " is not a port (0-65535)");
        if (host.isBlank()) throw new ParameterException(spec.commandLine(), "--host: empty");
        Path configFile = config.toAbsolutePath().normalize();
        VizFlowConfig cfg = VizFlowConfig.load(configFile); // a bad config is refused here, naming the key
        Path jar = uiJar != null ? uiJar : defaultJar();
        if (!Files.isRegularFile(jar)) {
            throw new BadInputException("the UI is not built: " + jar.toAbsolutePath().normalize() + " is missing. Build it with "
                    + "`mvn -q -DskipTests install` in the project folder (or only the UI: "
                    + "`mvn -q -pl vizflow-ui -am install -DskipTests`), or name the jar with --ui-jar");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(ProcessHandle.current().info().command().orElse("java"));
        cmd.add("-Xmx" + System.getenv().getOrDefault("VIZFLOW_UI_HEAP", "1g"));
        cmd.add("-jar");
        cmd.add(jar.toString());
        cmd.add("--vizflow.config=" + configFile);
        cmd.add("--server.port=" + port);
        cmd.add("--server.address=" + host);
        PrintWriter out = spec.commandLine().getOut();
        out.println("vizflow ui: http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port + "/ over "
                + cfg.consolidatedDir().toAbsolutePath().normalize() + " (Ctrl-C stops it)");
        out.flush();
        Process app = new ProcessBuilder(cmd).inheritIO().start();
        Thread stop = new Thread(app::destroy, "vizflow-ui-stop");
        Runtime.getRuntime().addShutdownHook(stop);
        int code = app.waitFor();
        try {
            Runtime.getRuntime().removeShutdownHook(stop);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already
        }
        return code;
    }

    /** $VIZFLOW_UI_JAR, else the UI jar of the build this CLI comes from (flink-jobs/target/... beside vizflow-ui/). */
    static Path defaultJar() {
        String env = System.getenv("VIZFLOW_UI_JAR");
        if (env != null && !env.isBlank()) return Path.of(env);
        try {
            Path here = Path.of(UiCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path target = here.getParent(); // flink-jobs/target (from target/vizflow-jobs.jar or target/classes)
            Path project = target == null || target.getParent() == null ? null : target.getParent().getParent();
            if (project != null) return project.resolve(UI_JAR);
        } catch (Exception e) {
            // below
        }
        return Path.of(UI_JAR);
    }
}
