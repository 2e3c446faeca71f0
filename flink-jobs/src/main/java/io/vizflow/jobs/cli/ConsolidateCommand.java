package io.vizflow.jobs.cli;

import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.consolidate.ConsolidateJob;
import io.vizflow.jobs.consolidate.ConsolidationSummary;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code vizflow consolidate --config FILE [--full]}: the partials of every complete date into the consolidated dataset. */
@Command(name = "consolidate", mixinStandardHelpOptions = true,
        description = "Merge the partials of every complete date (_SUCCESS) into the consolidated dataset "
                + "(consolidated_dir, default {output_dir}/../consolidated); dates already consolidated and unchanged "
                + "are not redone.")
final class ConsolidateCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML config.")
    Path config;

    @Option(names = "--full", description = "Redo every date, whatever the dataset already holds.")
    boolean full;

    @Override
    public Integer call() throws Exception {
        ConsolidationSummary summary = new ConsolidateJob(VizFlowConfig.load(config), full).run();
        spec.commandLine().getOut().println(summary.describe());
        return 0;
    }
}
