package io.vizflow.jobs.cli;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.DailyJob;
import io.vizflow.jobs.RunSummary;
import io.vizflow.jobs.StageTime;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code vizflow bench --config FILE --date YYYYMMDD [--stages] [--repeat N]}: runs a date into a
 * temporary folder and reports wall time, rows/s and peak memory; with {@code --stages}, also the
 * wall time of each stage of that same run ({@link StageTime}). With {@code --repeat N} the date
 * runs N times, one after the other in this one JVM, as {@code run-batch} runs its dates: the
 * first run pays for the JVM's warm-up (its JIT compiling the job's code), the later ones show what
 * each further date of a batch costs. {@code tools/bench.py} runs it next to the Polars reference on
 * generated days.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Measure a date's run: wall time, rows/s, peak memory, and (--stages) time per stage.")
final class BenchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML config.")
    Path config;

    @Option(names = "--date", required = true, converter = Dates.class, description = "The date, YYYYMMDD.")
    LocalDate date;

    @Option(names = "--stages", description = "Also the wall time of each stage of the run (Flink's record of when each task ran).")
    boolean stages;

    @Option(names = "--repeat", defaultValue = "1", paramLabel = "N",
            description = "Run the date N times in this one JVM, as run-batch runs its dates (default: ${DEFAULT-VALUE}).")
    int repeat;

    @Override
    public Integer call() throws Exception {
        if (repeat < 1) {
            throw new ParameterException(spec.commandLine(), "--repeat must be at least 1, got " + repeat);
        }
        VizFlowConfig cfg = VizFlowConfig.load(config);
        PrintWriter out = spec.commandLine().getOut();
        Path tmp = Files.createTempDirectory("vizflow-bench");
        try {
            for (int i = 1; i <= repeat; i++) {
                if (repeat > 1) out.printf(Locale.ROOT, "run %d of %d%s%n", i, repeat, i == 1 ? " (a fresh JVM)" : "");
                RunSummary s = new DailyJob(cfg.withOutputDir(tmp), date).run();
                out.printf(Locale.ROOT, "rows %d  seconds %.2f  rows/s %.0f  peak_rss_mb %d  groups %d%n",
                        s.inputRows(), s.seconds(), s.rowsPerSecond(), s.peakRssBytes() >> 20, s.groups());
                if (stages) {
                    for (StageTime st : s.stages()) {
                        String name = st.parallelism() > 0 ? st.name() + " (" + st.parallelism() + " subtask"
                                + (st.parallelism() > 1 ? "s" : "") + ")" : st.name();
                        out.printf(Locale.ROOT, "stage %7.2f s  %s%n", st.seconds(), name);
                    }
                }
                out.flush();
            }
        } finally {
            io.vizflow.partial.PartialLayout.deleteQuietly(tmp);
        }
        return 0;
    }
}
