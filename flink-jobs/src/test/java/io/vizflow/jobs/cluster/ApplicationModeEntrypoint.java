package io.vizflow.jobs.cluster;

import org.apache.flink.client.deployment.application.ApplicationClusterEntryPoint;
import org.apache.flink.client.program.PackagedProgram;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.GlobalConfiguration;
import org.apache.flink.runtime.entrypoint.ClusterEntrypoint;
import org.apache.flink.runtime.resourcemanager.StandaloneResourceManagerFactory;

import java.io.File;
import java.util.Arrays;

/**
 * Flink's application mode on a standalone resource manager: what the JobManager pod of an
 * application-mode FlinkDeployment runs (there {@code KubernetesApplicationClusterEntrypoint},
 * here without Kubernetes; Flink's own {@code StandaloneApplicationClusterEntryPoint} is in
 * flink-container, which is not on Maven Central for 2.2). The program's main runs inside this
 * JobManager, which shuts down with exit code 0 when the application succeeds.
 *
 * <p>Arguments: {@code CONF_DIR JOB_JAR ENTRY_CLASS [PROGRAM_ARGS...]}.
 */
public final class ApplicationModeEntrypoint extends ApplicationClusterEntryPoint {

    private ApplicationModeEntrypoint(Configuration configuration, PackagedProgram program) {
        super(configuration, program, StandaloneResourceManagerFactory.getInstance());
    }

    public static void main(String[] args) throws Exception {
        Configuration configuration = GlobalConfiguration.loadConfiguration(args[0]);
        PackagedProgram program = PackagedProgram.newBuilder()
                .setJarFile(new File(args[1]))
                .setEntryPointClassName(args[2])
                .setArguments(Arrays.copyOfRange(args, 3, args.length))
                .setConfiguration(configuration)
                .build();
        configureExecution(configuration, program);
        ClusterEntrypoint.runClusterEntrypoint(new ApplicationModeEntrypoint(configuration, program));
    }
}
