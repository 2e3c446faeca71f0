package io.vizflow.source;

import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

import java.util.Set;

/** One fetch: the slices of a loaded batch of one split, and whether that split is finished with it. */
final class FeatherRecords implements RecordsWithSplitIds<BatchSlice> {
    private static final BatchSlice[] NONE = new BatchSlice[0];

    private String splitId;
    private final BatchSlice[] slices;
    private int next;
    private final Set<String> finished;

    FeatherRecords(String splitId, BatchSlice[] slices, boolean splitFinished) {
        this.splitId = slices.length > 0 ? splitId : null;
        this.slices = slices;
        this.finished = splitFinished ? Set.of(splitId) : Set.of();
    }

    static FeatherRecords finished(String splitId) {
        return new FeatherRecords(splitId, NONE, true);
    }

    static FeatherRecords empty() {
        return new FeatherRecords(null, NONE, false);
    }

    /** Rows {@code [from, rows)} of a loaded batch, in slices of at most {@code rowsPerSlice}. */
    static BatchSlice[] slices(LoadedBatch b, int from, int rowsPerSlice) {
        int n = b.rows() - from;
        BatchSlice[] s = new BatchSlice[(n + rowsPerSlice - 1) / rowsPerSlice];
        for (int k = 0; k < s.length; k++) {
            int at = from + k * rowsPerSlice;
            s[k] = new BatchSlice(b, at, Math.min(rowsPerSlice, b.rows() - at), k == s.length - 1);
        }
        return s;
    }

    @Override
    public String nextSplit() {
        String id = splitId;
        splitId = null;
        return id;
    }

    @Override
    public BatchSlice nextRecordFromSplit() {
        return next < slices.length ? slices[next++] : null;
    }

    @Override
    public Set<String> finishedSplits() {
        return finished;
    }
}
