package io.vizflow.jobs;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Memory of the embedded MiniCluster that `vizflow run` starts, sized for a day of tens of
 * millions of rows in a 1 GB heap: enough managed memory that the keyed sort spills rarely, and
 * network buffers for the blocking sort-shuffle. A real cluster ignores these (its own config
 * rules); a config's {@code flink:} section overrides them.
 */
final class EmbeddedCluster {
    private EmbeddedCluster() {}

    static Map<String, String> defaults() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("taskmanager.memory.managed.size", "512m");
        m.put("taskmanager.memory.network.min", "128m");
        m.put("taskmanager.memory.network.max", "128m");
        m.put("taskmanager.memory.framework.off-heap.batch-shuffle.size", "64m");
        m.put("taskmanager.memory.framework.off-heap.size", "128m");
        return m;
    }
}
