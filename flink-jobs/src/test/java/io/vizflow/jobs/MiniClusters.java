package io.vizflow.jobs;

import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.test.junit5.MiniClusterExtension;

/** The Flink mini cluster the job tests run on: one TaskManager, two slots (the launcher's default parallelism). */
public final class MiniClusters {
    private MiniClusters() {}

    /** A new extension for a test class's {@code @RegisterExtension static final} field. */
    public static MiniClusterExtension twoSlots() {
        return new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
                .setNumberTaskManagers(1)
                .setNumberSlotsPerTaskManager(2)
                .build());
    }
}
