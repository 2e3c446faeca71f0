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
        subcommands = {RunCommand.class, CalendarCommand.class})
public final class VizFlowCli {

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs a command line and returns its exit code (0 success, 1 failure, 2 usage). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new VizFlowCli());
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
