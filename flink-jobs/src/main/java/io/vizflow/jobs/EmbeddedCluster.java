package io.vizflow.jobs;

import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.ResourceManagerOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.SecurityOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.executiongraph.AccessExecutionGraph;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.runtime.minicluster.RpcServiceSharing;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.graph.StreamGraph;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The embedded Flink MiniCluster that `vizflow run` runs a date on. It starts in the background
 * the moment the run begins, so its start (RPC service, JobManager, TaskManager: about a second)
 * overlaps the planning of the job instead of following it, as {@code env.execute()} on a local
 * environment would; it is the cluster that {@code env.execute()} would have made (Flink's
 * {@code PerJobMiniClusterFactory}: one TaskManager, a slot per parallel subtask).
 *
 * <p>Its memory is sized for a day of tens of millions of rows in the launcher's 640 MB heap:
 * managed memory for the keyed sort (which spills to local disk beyond it), and network buffers
 * for the blocking sort-shuffle, which is not compressed. A real cluster ignores these (its own config rules); a config's
 * {@code flink:} section overrides them.
 */
final class EmbeddedCluster implements AutoCloseable {
    private final CompletableFuture<MiniCluster> cluster;

    private EmbeddedCluster(CompletableFuture<MiniCluster> cluster) {
        this.cluster = cluster;
    }

    static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        // Every megabyte a run touches costs time: on a virtual machine whose free memory goes back
        // to the host (a balloon's free page reporting), the first touch of each page is a fault in
        // the host too, and a run that follows another program pays it for all of its memory
        // (README, Performance). So the cluster takes what the job uses, not more:
        // - the keyed sort of a symbol's blocks is the one big user in BATCH runs (with no Table API
        //   aggregate beside it, it takes a slot's whole share); with 64 MB per slot of 2 it spills
        //   the same bytes of a 20M-row day as with 128 MB (470 MB of temporary files in all), and
        //   more only costs the touching
        // - network buffers for the sort-shuffle's writers and the readers' channels, all of them
        //   allocated (zeroed direct buffers) when the TaskManager starts; parallelism 2 to 64 runs
        //   in 64 MB
        // - the sort-shuffle's read buffers, allocated whole at the first read
        m.put("taskmanager.memory.managed.size", "128m");
        m.put("taskmanager.memory.network.min", "64m");
        m.put("taskmanager.memory.network.max", "64m");
        m.put("taskmanager.memory.framework.off-heap.batch-shuffle.size", "32m");
        m.put("taskmanager.memory.framework.off-heap.size", "128m");
        // the shuffle never leaves this machine: compressing it (LZ4 by default) only costs CPU
        // (about a second of the source stage's on a 20M-row day)
        m.put("taskmanager.network.compression.codec", "NONE");
        // what a one-process cluster need not wait for (the job's tasks run ~60 ms sooner): Kerberos
        // delegation tokens for Hadoop and HBase (loading their providers), and the slot manager's
        // 50 ms pause to batch the resource requests of jobs that are not coming
        m.put(SecurityOptions.DELEGATION_TOKENS_ENABLED.key(), "false");
        m.put(ResourceManagerOptions.REQUIREMENTS_CHECK_DELAY.key(), "0 ms");
        return m;
    }

    /** Starts a cluster for jobs of up to {@code parallelism} subtasks per operator, in the background. */
    static EmbeddedCluster start(Configuration conf, int parallelism) {
        requireDirectMemory(conf, maxDirectMemory());
        Configuration c = new Configuration(conf);
        if (!c.contains(RestOptions.BIND_PORT)) {
            c.set(RestOptions.BIND_PORT, "0"); // any free port: several runs may share a machine
        }
        int taskManagers = c.get(TaskManagerOptions.MINI_CLUSTER_NUM_TASK_MANAGERS);
        int slots = c.getOptional(TaskManagerOptions.NUM_TASK_SLOTS)
                .orElse((parallelism + taskManagers - 1) / taskManagers);
        MiniClusterConfiguration mc = new MiniClusterConfiguration.Builder()
                .setConfiguration(c)
                .setNumTaskManagers(taskManagers)
                .setNumSlotsPerTaskManager(slots)
                .setRpcServiceSharing(RpcServiceSharing.SHARED)
                .build();
        return new EmbeddedCluster(CompletableFuture.supplyAsync(() -> {
            MiniCluster m = new MiniCluster(mc);
            try {
                m.start();
            } catch (Exception e) {
                m.closeAsync();
                throw new IllegalStateException("the embedded Flink cluster did not start: " + e.getMessage(), e);
            }
            return m;
        }, runnable -> {
            Thread t = new Thread(runnable, "vizflow-cluster-start");
            t.setDaemon(true);
            t.start();
        }));
    }

    /**
     * Fails, saying what to change, where the direct memory the cluster takes (Flink's rule for a
     * TaskManager: framework off-heap + task off-heap + network memory) is more than
     * {@code maxDirect} bytes, this JVM's limit (the launcher sets it for the embedded defaults,
     * a config's {@code flink:} section may ask for more): the cluster would otherwise fail to start
     * with an {@code OutOfMemoryError} in one of Flink's threads.
     */
    static void requireDirectMemory(Configuration conf, long maxDirect) {
        long network = conf.get(TaskManagerOptions.NETWORK_MEMORY_MIN).getBytes();
        long framework = conf.get(TaskManagerOptions.FRAMEWORK_OFF_HEAP_MEMORY).getBytes();
        long task = conf.get(TaskManagerOptions.TASK_OFF_HEAP_MEMORY).getBytes();
        long need = network + framework + task;
        if (need > maxDirect) {
            throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                    "the Flink settings ask for %d MB of direct memory (%s %d MB + %s %d MB + %s %d MB), more than "
                            + "this JVM's %d MB; give it more with VIZFLOW_JAVA_OPTS=-XX:MaxDirectMemorySize=%dm, "
                            + "or ask for less in the config's flink: section",
                    need >> 20, TaskManagerOptions.NETWORK_MEMORY_MIN.key(), network >> 20,
                    TaskManagerOptions.FRAMEWORK_OFF_HEAP_MEMORY.key(), framework >> 20,
                    TaskManagerOptions.TASK_OFF_HEAP_MEMORY.key(), task >> 20, maxDirect >> 20, (need >> 20) + 64));
        }
    }

    /** This JVM's limit of direct memory: -XX:MaxDirectMemorySize, or the heap's maximum where it is not set. */
    private static long maxDirectMemory() {
        String set = java.lang.management.ManagementFactory
                .getPlatformMXBean(com.sun.management.HotSpotDiagnosticMXBean.class)
                .getVMOption("MaxDirectMemorySize").getValue();
        long bytes = Long.parseLong(set);
        return bytes > 0 ? bytes : Runtime.getRuntime().maxMemory();
    }

    /**
     * Runs the environment's job on this cluster and waits for it, as {@code env.execute()} does;
     * a failed job throws the {@link org.apache.flink.runtime.client.JobExecutionException} with
     * its cause. The job's execution graph comes with its result: when each task ran.
     */
    Execution execute(StreamExecutionEnvironment env) throws Exception {
        StreamGraph graph = env.getStreamGraph();
        graph.serializeUserDefinedInstances();
        MiniCluster m = cluster();
        JobID id = m.submitJob(graph).get().getJobID();
        JobExecutionResult result = m.requestJobResult(id).get()
                .toJobExecutionResult(Thread.currentThread().getContextClassLoader());
        return new Execution(result, m.getArchivedExecutionGraph(id).get());
    }

    /** A finished job: its result, and its execution graph. */
    record Execution(JobExecutionResult result, AccessExecutionGraph graph) {}

    private MiniCluster cluster() throws Exception {
        try {
            return cluster.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof Exception) throw (Exception) e.getCause();
            throw e;
        }
    }

    /** Stops the cluster (waits up to a minute for it). */
    @Override
    public void close() throws Exception {
        MiniCluster m;
        try {
            m = cluster.get();
        } catch (ExecutionException e) {
            return; // it never started: nothing to stop
        }
        m.closeAsync().get(1, TimeUnit.MINUTES);
    }
}
