package io.vizflow.jobs;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;

/** What a failed job tells the user. */
class JobFailuresTest {
    private static final Path INPUT = Path.of("/data/fills_20240102.feather");

    @Test
    void shouldHandOnBadInputAsItIs() {
        BadInputException bad = new BadInputException("fills_20240102.feather: column 'qty': -3");
        assertSame(bad, JobFailures.explain(new RuntimeException("job failed", new RuntimeException(bad)), INPUT));
    }

    @Test
    void shouldNameTheInputAndTheRootCause() {
        RuntimeException e = JobFailures.explain(new RuntimeException("job failed", new IllegalStateException("boom")), INPUT);
        assertTrue(e.getMessage().contains(INPUT.toString()) && e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void shouldTellHowToGiveAJobThatRanOutOfMemoryMore() {
        RuntimeException e = JobFailures.explain(
                new RuntimeException("job failed", new OutOfMemoryError("Java heap space")), INPUT);
        assertTrue(e.getMessage().contains("ran out of memory (Java heap space") && e.getMessage().contains("VIZFLOW_HEAP"),
                e.getMessage());
    }
}
