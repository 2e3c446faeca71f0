package io.vizflow.jobs;

import io.vizflow.BadInputException;

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
    void dateRunOnTheEmbeddedClusterEqualsTheReference() throws Exception {
        RunSummary summary = new DailyJob(Golden.config("posttrade", Golden.resource("golden/raw"), out),
                LocalDate.of(2024, 1, 2)).run();
        Golden.assertPartialEquals(Golden.readExpected("posttrade_20240102.csv", KEYS),
                Golden.readPartial(summary.partial(), KEYS), KEYS);
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
