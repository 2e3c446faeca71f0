package io.vizflow.source;

import io.vizflow.row.ColumnType;
import io.vizflow.row.VizRow;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * How many rows each symbol has in a day's file, estimated from its symbol column in record
 * batches spread evenly over the file (every batch of a small file): what
 * {@link io.vizflow.pipeline.SymbolPlacement} needs to share the symbols out evenly, read in a few
 * tens of milliseconds while a run's cluster starts. Null symbols are not counted (the run itself
 * reports them).
 */
public final class SymbolSample {
    /** Record batches read at most: 64K-row batches, ~2M rows. */
    static final int MAX_BATCHES = 32;

    private SymbolSample() {}

    /**
     * Expected rows per symbol (Long for an integer column, String for a string one), scaled from
     * the batches read to the whole file.
     */
    public static Map<Object, Long> of(FeatherFile file, String symbolColumn, ColumnType type) throws IOException {
        return of(file, symbolColumn, type, MAX_BATCHES);
    }

    static Map<Object, Long> of(FeatherFile file, String symbolColumn, ColumnType type, int maxBatches) throws IOException {
        InputColumn column = InputColumn.of(symbolColumn, type, false);
        Map<Object, long[]> counts = new HashMap<>();
        long sampled = 0;
        long total;
        try (FeatherBatchReader reader = new FeatherBatchReader(file.path(), List.of(column),
                FeatherBatchReader.SharedAllocator.get())) {
            long[] rows = file.batchRowCounts();
            total = 0;
            long[] firstRowId = new long[rows.length];
            for (int b = 0; b < rows.length; b++) {
                firstRowId[b] = total;
                total += rows[b];
            }
            int stride = Math.max(1, (rows.length + maxBatches - 1) / maxBatches);
            VizRow[] slice = new VizRow[FeatherSplitReader.DEFAULT_ROWS_PER_SLICE];
            for (int i = 0; i < slice.length; i++) slice[i] = new VizRow(2);
            for (int b = stride / 2; b < rows.length; b += stride) {
                try (LoadedBatch batch = reader.load(b, firstRowId[b])) {
                    for (int from = 0; from < batch.rows(); from += slice.length) {
                        int n = Math.min(slice.length, batch.rows() - from);
                        batch.convert(from, n, slice);
                        for (int i = 0; i < n; i++) {
                            if (slice[i].isNull(0)) continue;
                            Object symbol = type == ColumnType.LONG ? (Object) slice[i].getLong(0) : slice[i].getString(0);
                            counts.computeIfAbsent(symbol, s -> new long[1])[0]++;
                        }
                    }
                    sampled += batch.rows();
                }
            }
        }
        Map<Object, Long> expected = new HashMap<>();
        double scale = sampled == 0 ? 0 : (double) total / sampled;
        counts.forEach((symbol, n) -> expected.put(symbol, Math.round(n[0] * scale)));
        return expected;
    }
}
