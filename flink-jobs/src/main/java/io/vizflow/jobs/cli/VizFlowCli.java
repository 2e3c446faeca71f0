package io.vizflow.jobs.cli;

import io.vizflow.BadInputException;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code vizflow}: the one launcher (CONTRACT section 7). Also the main class of the job jar, so
 * {@code flink run vizflow-jobs.jar run --config ... --date ...} submits a date to a cluster.
 */
@Command(name = "vizflow",
        mixinStandardHelpOptions = true,
        version = "vizflow 0.1.0",
        description = "Per-date Flink jobs over market data, consolidation and exploration.",
        subcommands = {RunCommand.class, RunBatchCommand.class, CalendarCommand.class, BenchCommand.class,
                ConsolidateCommand.class, QueryCommand.class, QueryBenchCommand.class, ClusterCommand.class, UiCommand.class})
public final class VizFlowCli {

    public static void main(String[] args) {
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
        return execute(new CommandLine(new VizFlowCli()), args);
    }

    /** Runs a command line writing to the given streams (for tests and embedding). */
    public static int execute(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new VizFlowCli());
        cli.setOut(out);
        cli.setErr(err);
        return execute(cli, args);
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
