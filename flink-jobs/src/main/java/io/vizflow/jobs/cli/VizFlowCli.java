package io.vizflow.jobs.cli;

import io.vizflow.BadInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code vizflow}: the one launcher (CONTRACT section 7). Also the main class of the job jar, so
 * {@code flink run vizflow-jobs.jar run --config ... --date ...} submits a date to a cluster.
 */
@Command(name = "vizflow",
        mixinStandardHelpOptions = true,
        version = "vizflow 0.1.0",
        description = "Per-date Flink jobs over market data, consolidation and exploration.")
public final class VizFlowCli {
    /** The commands, by name, in the order the help lists them. */
    private static final Map<String, Supplier<Object>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("run", RunCommand::new);
        COMMANDS.put("run-batch", RunBatchCommand::new);
        COMMANDS.put("calendar", CalendarCommand::new);
        COMMANDS.put("bench", BenchCommand::new);
        COMMANDS.put("consolidate", ConsolidateCommand::new);
        COMMANDS.put("query", QueryCommand::new);
        COMMANDS.put("query-bench", QueryBenchCommand::new);
        COMMANDS.put("cluster", ClusterCommand::new);
        COMMANDS.put("ui", UiCommand::new);
    }

    public static void main(String[] args) {
        startLogging();
        int code = execute(args);
        if (org.apache.flink.streaming.api.environment.StreamExecutionEnvironment.areExplicitEnvironmentsAllowed()) {
            System.exit(code); // bin/vizflow or java -jar: this JVM is ours
        } else if (code != 0) {
            // inside a Flink client or JobManager (flink run, application mode): never exit the JVM
            throw new IllegalStateException("vizflow " + String.join(" ", args) + " failed with exit code " + code);
        }
    }

    /** Runs a command line and returns its exit code (0 success, 1 failure, 2 usage). */
    public static int execute(String... args) {
        return execute(commandLine(args), args);
    }

    /** Runs a command line writing to the given streams (for tests and embedding). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        return execute(cli, args);
    }

    /**
     * The command line of {@code args}: with only the command they name, where they name one
     * (picocli reads the annotations of each command it is given: all of them took ~0.1 s of the
     * start of every run), else with all of them, for the help and for picocli's suggestions.
     */
    static CommandLine commandLine(String... args) {
        CommandLine cli = new CommandLine(new VizFlowCli());
        Supplier<Object> named = args.length > 0 ? COMMANDS.get(args[0]) : null;
        if (named != null) {
            cli.addSubcommand(named.get());
        } else {
            COMMANDS.values().forEach(command -> cli.addSubcommand(command.get()));
        }
        return cli;
    }

    /**
     * Sets logging up on a thread of its own while the command line is read: Log4j configures
     * itself at the first logger asked for (~0.07 s), which in a run was Flink's first class, on
     * the way to starting the embedded cluster.
     */
    private static void startLogging() {
        Thread t = new Thread(() -> org.slf4j.LoggerFactory.getLogger(VizFlowCli.class), "vizflow-logging");
        t.setDaemon(true);
        t.start();
    }

    private static int execute(CommandLine cli, String... args) {
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            BadInputException bad = find(e);
            if (bad != null) {
                cmd.getErr().println("vizflow: error: " + bad.getMessage());
            } else {
                cmd.getErr().println("vizflow: failed: " + e);
                e.printStackTrace(cmd.getErr());
            }
            return 1;
        });
        return cli.execute(args);
    }

    private static BadInputException find(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof BadInputException) return (BadInputException) t;
        }
        return null;
    }
}
