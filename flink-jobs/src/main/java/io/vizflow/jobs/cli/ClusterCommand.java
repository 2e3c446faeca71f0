package io.vizflow.jobs.cli;

import io.vizflow.BadInputException;
import io.vizflow.calendar.TradingCalendar;
import io.vizflow.config.VizFlowConfig;
import io.vizflow.jobs.cluster.ClusterDates;
import io.vizflow.jobs.cluster.FlinkCliSubmission;
import io.vizflow.jobs.cluster.KubernetesManifests;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code vizflow cluster --config FILE --from D --to D (--flink-cli | --k8s DIR)}: the trading
 * dates of a range on a real Flink cluster, as {@code flink run} commands (one per line, on
 * stdout; notes on stderr) or as Flink Kubernetes operator manifests.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = {"Submit the trading dates from..to to a Flink cluster:",
                "--flink-cli prints one `flink run` command per date (run them, or use deploy/submit-dates.sh);",
                "--k8s DIR writes Flink Kubernetes operator manifests (see k8s/README.md)."})
public final class ClusterCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", required = true, description = "The YAML config.")
    Path config;

    @Option(names = "--from", required = true, converter = Dates.class, description = "First date, YYYYMMDD.")
    LocalDate from;

    @Option(names = "--to", required = true, converter = Dates.class, description = "Last date, YYYYMMDD.")
    LocalDate to;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--flink-cli", required = true, description = "Print the `flink run` command of each date.")
        boolean flinkCli;

        @Option(names = "--k8s", required = true, paramLabel = "DIR", description = "Write Kubernetes operator manifests into DIR.")
        Path k8s;
    }

    @Option(names = "--jar", paramLabel = "PATH|URI",
            description = "The job jar: a path for --flink-cli (default: the built vizflow-jobs.jar), the jarURI for --k8s"
                    + " (default: " + KubernetesManifests.DEFAULT_JAR + ").")
    String jar;

    @Option(names = "--parallelism", paramLabel = "N", description = "The job's parallelism (flink run -p; default: the cluster's;"
            + " k8s: 2).")
    Integer parallelism;

    @Option(names = "--jobmanager", paramLabel = "HOST:PORT", description = "--flink-cli: the JobManager's REST address (flink run -m).")
    String jobManager;

    @Option(names = "--flink", paramLabel = "CMD", defaultValue = "flink", description = "--flink-cli: the Flink CLI to call (default: ${DEFAULT-VALUE}).")
    String flink;

    @Option(names = "--inline-config", description = "--flink-cli: pass the config's text with `run --config-inline` instead of its path.")
    boolean inlineConfig;

    @Option(names = "--image", defaultValue = KubernetesManifests.DEFAULT_IMAGE, description = "--k8s: the image (k8s/Dockerfile; default: ${DEFAULT-VALUE}).")
    String image;

    @Option(names = "--namespace", description = "--k8s: the namespace of the resources (default: kubectl's).")
    String namespace;

    @Option(names = "--name", description = "--k8s: the resources' name prefix (default: vizflow-<config file name>).")
    String name;

    @Option(names = "--session-jar", paramLabel = "URI", description = "--k8s: the jar URI of the FlinkSessionJobs, which the operator"
            + " downloads (https://... or s3://...).")
    String sessionJar;

    @Option(names = "--slots", defaultValue = "2", description = "--k8s: task slots per TaskManager (default: ${DEFAULT-VALUE}).")
    int slots;

    @Option(names = "--service-account", defaultValue = "flink", description = "--k8s: the pods' service account (default: ${DEFAULT-VALUE}).")
    String serviceAccount;

    @Option(names = "--jobmanager-memory", defaultValue = "1024m", description = "--k8s: JobManager memory (default: ${DEFAULT-VALUE}).")
    String jobManagerMemory;

    @Option(names = "--taskmanager-memory", defaultValue = "2048m", description = "--k8s: TaskManager memory (default: ${DEFAULT-VALUE}).")
    String taskManagerMemory;

    @Option(names = "--cpu", defaultValue = "1", description = "--k8s: CPUs of the JobManager and of each TaskManager (default: ${DEFAULT-VALUE}).")
    double cpu;

    @Option(names = "--data-claim", defaultValue = "vizflow-data", description = "--k8s: the PersistentVolumeClaim holding input_dir and"
            + " output_dir, mounted in every pod; empty for none (default: ${DEFAULT-VALUE}).")
    String dataClaim;

    @Option(names = "--data-mount", defaultValue = "/data", description = "--k8s: where the pods mount the data claim (default: ${DEFAULT-VALUE}).")
    String dataMount;

    @Override
    public Integer call() throws IOException {
        VizFlowConfig cfg = VizFlowConfig.load(config);
        List<LocalDate> dates = ClusterDates.between(cfg, from, to);
        if (dates.isEmpty()) {
            throw new BadInputException("no trading days from " + TradingCalendar.format(from) + " to " + TradingCalendar.format(to));
        }
        return target.flinkCli ? printFlinkCommands(cfg, dates) : writeManifests(dates);
    }

    private int printFlinkCommands(VizFlowConfig cfg, List<LocalDate> dates) throws IOException {
        String jobJar = jar;
        if (jobJar == null) {
            Path built = FlinkCliSubmission.builtJar();
            if (built == null) throw new BadInputException("--jar: no built vizflow-jobs.jar found; name the job jar");
            jobJar = built.toString();
        }
        FlinkCliSubmission submission = (inlineConfig
                ? FlinkCliSubmission.ofInlineConfig(jobJar, Files.readString(config), config.toString())
                : FlinkCliSubmission.ofConfigFile(jobJar, config))
                .flinkCommand(flink).jobManager(jobManager).parallelism(parallelism);
        PrintWriter err = spec.commandLine().getErr();
        for (String key : List.of("input_dir", "output_dir")) {
            Path p = key.equals("input_dir") ? cfg.inputDir() : cfg.outputDir();
            if (!p.isAbsolute()) {
                err.println("# note: " + key + ": " + p + " is relative: the client resolves it against its working"
                        + " directory, the TaskManagers against theirs; prefer an absolute path on a shared filesystem");
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        for (LocalDate d : dates) out.println(submission.shellLine(d));
        out.flush();
        return 0;
    }

    private int writeManifests(List<LocalDate> dates) {
        KubernetesManifests k8s = KubernetesManifests.forConfig(config)
                .image(image)
                .jarUri(jar != null ? jar : KubernetesManifests.DEFAULT_JAR)
                .sessionJarUri(sessionJar)
                .namespace(namespace)
                .parallelism(parallelism != null ? parallelism : 2)
                .slots(slots)
                .serviceAccount(serviceAccount)
                .jobManagerResource(jobManagerMemory, cpu)
                .taskManagerResource(taskManagerMemory, cpu)
                .dataVolume(dataClaim.isBlank() ? null : dataClaim, dataMount);
        if (name != null) k8s.name(name);
        List<Path> files = k8s.write(target.k8s, dates);
        PrintWriter out = spec.commandLine().getOut();
        out.println("wrote " + files.size() + " manifests into " + target.k8s + " for " + dates.size() + " trading days "
                + TradingCalendar.format(dates.get(0)) + ".." + TradingCalendar.format(dates.get(dates.size() - 1)));
        for (Path f : files) out.println("  " + f);
        for (String w : k8s.warnings()) spec.commandLine().getErr().println("# note: " + w);
        out.flush();
        return 0;
    }
}
