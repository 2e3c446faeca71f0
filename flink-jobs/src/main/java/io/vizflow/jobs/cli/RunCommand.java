package io.vizflow.jobs.cli;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.DailyJob;
import io.vizflow.jobs.RunSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

/** {@code vizflow run --config FILE --date YYYYMMDD [--output DIR]}: one date. */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = "Run the per-date job for one date (embedded Flink MiniCluster, or the cluster under `flink run`).")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
    ConfigSource source;

    /** The config as a file, or inline (for a cluster that cannot see the file). */
    static final class ConfigSource {
        @Option(names = "--config", required = true, description = "The YAML config file.")
        Path config;

        @Option(names = "--config-inline", required = true, paramLabel = "YAML",
                description = "The config itself, as YAML text (for `flink run` on a cluster that cannot read the file).")
        String inline;

        VizFlowConfig load() {
            return config != null ? VizFlowConfig.load(config) : VizFlowConfig.parse(inline, "--config-inline");
        }
    }

    @Option(names = "--date", required = true, converter = Dates.class, description = "The trading date, YYYYMMDD.")
    LocalDate date;

    @Option(names = "--output", description = "Write the partial under this folder instead of output_dir.")
    Path output;

    @Override
    public Integer call() throws Exception {
        VizFlowConfig cfg = source.load();
        if (output != null) {
            cfg = cfg.withOutputDir(output);
        }
        RunSummary summary = new DailyJob(cfg, date).run();
        spec.commandLine().getOut().println(summary.describe());
        return 0;
    }
}
