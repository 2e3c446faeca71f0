package io.vizflow.jobs;

import io.vizflow.BadInputException;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A date run as `vizflow run` runs it: no test cluster around it, so {@link DailyJob} starts its
 * own {@link EmbeddedCluster} while it plans the job, runs the job on it and stops it.
 */
class EmbeddedClusterTest {
    private static final List<String> KEYS = List.of("alpha1_bin", "side", "is_closed");

    @TempDir
    Path out;

    @Test
    void dateRunOnTheEmbeddedClusterEqualsTheReferenceAndTellsWhereItsTimeWent() throws Exception {
        RunSummary summary = new DailyJob(Golden.config("posttrade", Golden.resource("golden/raw"), out),
                LocalDate.of(2024, 1, 2)).run();
        Golden.assertPartialEquals(Golden.readExpected("posttrade_20240102.csv", KEYS),
                Golden.readPartial(summary.partial(), KEYS), KEYS);

        // the start, the job's three tasks in order, the end: each its share of the run, together all of it
        List<StageTime> stages = summary.stages();
        assertEquals(5, stages.size(), stages.toString());
        assertEquals(StageTime.START, stages.get(0).name());
        assertTrue(stages.get(1).name().startsWith("Source: feather fills_20240102.feather -> parse_time"), stages.toString());
        assertTrue(stages.get(2).name().startsWith("enrich + forward_return") && stages.get(2).name().endsWith("pre-aggregate"), stages.toString());
        assertTrue(stages.get(3).name().endsWith("publish date=20240102: Writer"), stages.toString());
        assertEquals(StageTime.END, stages.get(4).name());
        assertEquals(0, stages.get(0).parallelism() + stages.get(4).parallelism());
        assertTrue(stages.subList(1, 4).stream().allMatch(st -> st.parallelism() > 0), stages.toString());
        assertTrue(stages.stream().allMatch(st -> st.seconds() >= 0), stages.toString());
        assertTrue(stages.get(1).seconds() > 0 && stages.get(2).seconds() > 0, stages.toString());
        double sum = stages.stream().mapToDouble(StageTime::seconds).sum();
        assertEquals(summary.seconds(), sum, 0.05, stages.toString());
    }

    @Test
    void flinkSettingsThatNeedMoreDirectMemoryThanTheJvmHasAreRefusedSayingWhatToChange() {
        Configuration defaults = new Configuration();
        EmbeddedCluster.defaults().forEach(defaults::setString);
        EmbeddedCluster.requireDirectMemory(defaults, 256L << 20); // the launcher's limit fits the defaults

        Configuration more = new Configuration(defaults);
        more.setString("taskmanager.memory.network.min", "1g");
        more.setString("taskmanager.memory.network.max", "1g");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EmbeddedCluster.requireDirectMemory(more, 256L << 20));
        assertEquals("the Flink settings ask for 1152 MB of direct memory (taskmanager.memory.network.min 1024 MB"
                + " + taskmanager.memory.framework.off-heap.size 128 MB + taskmanager.memory.task.off-heap.size 0 MB),"
                + " more than this JVM's 256 MB; give it more with VIZFLOW_JAVA_OPTS=-XX:MaxDirectMemorySize=1216m,"
                + " or ask for less in the config's flink: section", e.getMessage());
    }

    @Test
    void failedJobOnTheEmbeddedClusterNamesTheBadValueAndLeavesNothing() throws IOException {
        BadInputException e = assertThrows(BadInputException.class, () -> new DailyJob(
                Golden.config("posttrade", Golden.resource("bad"), out), LocalDate.of(2024, 2, 9)).run());
        assertTrue(e.getMessage().contains("fills_20240209.feather") && e.getMessage().contains("'X'"), e.getMessage());
        try (Stream<Path> left = Files.walk(out)) {
            assertEquals(0, left.filter(p -> !p.equals(out)).count(), "a failed date leaves no files behind");
        }
    }
}
