package io.vizflow.partial;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** The warm-up a run does while its cluster starts writes a whole Parquet file, and touches no disk. */
class PartialSinkWarmUpTest {
    @Test
    void warmUpWritesAParquetFileIntoNothing() throws Exception {
        long bytes = PartialSink.warmUp();
        // "PAR1", the column chunks, the footer, its length and "PAR1" again
        assertTrue(bytes > 100, "bytes written: " + bytes);
    }
}
