package io.vizflow.jobs.cli;

import io.vizflow.jobs.bench.QueryBench;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vizflow query-bench [--dates 300] [--runs 200] [--dir DIR]}: the consolidation and query benchmark. */
@Command(name = "query-bench", mixinStandardHelpOptions = true,
        description = "Benchmark: synthetic alpha partials of N dates (~450 groups each), consolidated, then a heatmap "
                + "query over all dates timed (p50, p95).")
final class QueryBenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--dates", defaultValue = "300", description = "Dates of partials (default ${DEFAULT-VALUE}).")
    int dates;

    @Option(names = "--runs", defaultValue = "200", description = "Timed queries per storage (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--dir", description = "Work folder (default: a new temporary folder).")
    Path dir;

    @Override
    public Integer call() throws Exception {
        if (dates < 2 || runs < 1) throw new io.vizflow.BadInputException("--dates must be at least 2 and --runs positive");
        Path work = dir != null ? dir : Files.createTempDirectory("vizflow-query-bench");
        spec.commandLine().getOut().println("work          " + work);
        new QueryBench(work, dates, runs, spec.commandLine().getOut()).run();
        return 0;
    }
}
