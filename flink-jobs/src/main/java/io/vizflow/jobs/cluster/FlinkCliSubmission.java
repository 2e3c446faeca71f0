package io.vizflow.jobs.cluster;

import io.vizflow.BadInputException;
import io.vizflow.calendar.TradingCalendar;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code flink run} command that submits one date of a config to a Flink cluster: the shaded
 * job jar, unchanged, with the same arguments as {@code vizflow run}.
 *
 * <pre>
 * flink run [-m HOST:PORT] [-p N] -c io.vizflow.jobs.cli.VizFlowCli vizflow-jobs.jar \
 *     run --config /abs/config.yaml --date 20240102
 * </pre>
 *
 * The job's {@code main} runs in the Flink client: it reads the config, waits for the job and
 * publishes the partial there, so the config, the input and the output folders must be paths the
 * client and the TaskManagers both see (absolute paths on a shared filesystem). Attached mode
 * only: the partial is committed once the job's result is known.
 */
public final class FlinkCliSubmission {
    /** The job jar's main class: the {@code vizflow} command line. */
    public static final String ENTRY_CLASS = "io.vizflow.jobs.cli.VizFlowCli";

    private static final Pattern PLAIN_WORD = Pattern.compile("[A-Za-z0-9_./:=@%+,-]+");

    private final String flink;
    private final String jar;
    private final String jobManager;
    private final Integer parallelism;
    private final List<String> configArgs;

    private FlinkCliSubmission(String flink, String jar, String jobManager, Integer parallelism, List<String> configArgs) {
        this.flink = flink;
        this.jar = jar;
        this.jobManager = jobManager;
        this.parallelism = parallelism;
        this.configArgs = List.copyOf(configArgs);
    }

    /** Submits with {@code --config FILE}; the file is named by its absolute path. */
    public static FlinkCliSubmission ofConfigFile(String jar, Path config) {
        return new FlinkCliSubmission("flink", jar, null, null,
                List.of("--config", config.toAbsolutePath().normalize().toString()));
    }

    /**
     * Submits with {@code --config-inline TEXT}: the config travels in the command line as one
     * line of JSON (which is YAML), so no file needs to be shared with the client.
     */
    public static FlinkCliSubmission ofInlineConfig(String jar, String yaml, String source) {
        return new FlinkCliSubmission("flink", jar, null, null, List.of("--config-inline", oneLine(yaml, source)));
    }

    /** The Flink CLI to call ({@code flink} by default, e.g. {@code /opt/flink/bin/flink}). */
    public FlinkCliSubmission flinkCommand(String command) {
        return new FlinkCliSubmission(command, jar, jobManager, parallelism, configArgs);
    }

    /** The JobManager's REST address, {@code HOST:PORT} ({@code -m}); null for the CLI's configured one. */
    public FlinkCliSubmission jobManager(String hostPort) {
        return new FlinkCliSubmission(flink, jar, hostPort, parallelism, configArgs);
    }

    /** The job's parallelism ({@code -p}); null for the cluster's default. */
    public FlinkCliSubmission parallelism(Integer n) {
        if (n != null && n < 1) throw new BadInputException("--parallelism: expected a positive number, got " + n);
        return new FlinkCliSubmission(flink, jar, jobManager, n, configArgs);
    }

    /** Everything after the Flink CLI's own name: {@code run -m ... -c MAIN JAR run --config ... --date D}. */
    public List<String> arguments(LocalDate date) {
        List<String> args = new ArrayList<>(List.of("run"));
        if (jobManager != null) args.addAll(List.of("-m", jobManager));
        if (parallelism != null) args.addAll(List.of("-p", parallelism.toString()));
        args.addAll(List.of("-c", ENTRY_CLASS, jar, "run"));
        args.addAll(configArgs);
        args.addAll(List.of("--date", TradingCalendar.format(date)));
        return args;
    }

    /** The whole command, the Flink CLI first. */
    public List<String> command(LocalDate date) {
        List<String> cmd = new ArrayList<>(List.of(flink));
        cmd.addAll(arguments(date));
        return cmd;
    }

    /** The command as one line for a POSIX shell, every word quoted where needed. */
    public String shellLine(LocalDate date) {
        List<String> words = new ArrayList<>();
        for (String w : command(date)) words.add(shellQuote(w));
        return String.join(" ", words);
    }

    /** A word as a POSIX shell reads it back unchanged: bare if plain, else in single quotes. */
    public static String shellQuote(String word) {
        if (PLAIN_WORD.matcher(word).matches()) return word;
        return "'" + word.replace("'", "'\\''") + "'";
    }

    /**
     * The job jar this command line runs from: the shaded jar when {@code vizflow} runs from it,
     * else {@code target/vizflow-jobs.jar} next to the classes folder; null if neither is found.
     */
    public static Path builtJar() {
        try {
            Path here = Path.of(FlinkCliSubmission.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (Files.isRegularFile(here)) return here.toAbsolutePath();
            Path sibling = here.toAbsolutePath().getParent().resolve("vizflow-jobs.jar");
            return Files.isRegularFile(sibling) ? sibling : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String oneLine(String yaml, String source) {
        try {
            JsonNode tree = new ObjectMapper(new YAMLFactory()).readTree(yaml);
            return new ObjectMapper().writeValueAsString(tree);
        } catch (IOException e) {
            throw new BadInputException(source + ": not valid YAML: " + e.getMessage(), e);
        }
    }
}
