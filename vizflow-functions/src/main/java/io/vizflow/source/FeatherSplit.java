package io.vizflow.source;

import org.apache.flink.api.connector.source.SourceSplit;

import java.util.Objects;

/**
 * A run of consecutive record batches of one Feather file: batches {@code [firstBatch, endBatch)},
 * whose first row has row id {@code firstRowId}. {@code rowsDone} rows of it were already emitted
 * (non-zero only in a split restored from a checkpoint).
 */
public final class FeatherSplit implements SourceSplit {
    private final String path;
    private final int firstBatch;
    private final int endBatch;
    private final long firstRowId;
    private final long rowCount;
    private final long rowsDone;

    FeatherSplit(String path, int firstBatch, int endBatch, long firstRowId, long rowCount, long rowsDone) {
        if (firstBatch < 0 || endBatch < firstBatch || firstRowId < 0 || rowsDone < 0 || rowsDone > rowCount) {
            throw new IllegalArgumentException("bad split " + firstBatch + ".." + endBatch + " rows done " + rowsDone);
        }
        this.path = Objects.requireNonNull(path);
        this.firstBatch = firstBatch;
        this.endBatch = endBatch;
        this.firstRowId = firstRowId;
        this.rowCount = rowCount;
        this.rowsDone = rowsDone;
    }

    @Override
    public String splitId() {
        return "batches " + firstBatch + "-" + (endBatch - 1);
    }

    String path() {
        return path;
    }

    int firstBatch() {
        return firstBatch;
    }

    int endBatch() {
        return endBatch;
    }

    long firstRowId() {
        return firstRowId;
    }

    long rowCount() {
        return rowCount;
    }

    long rowsDone() {
        return rowsDone;
    }

    FeatherSplit withRowsDone(long done) {
        return new FeatherSplit(path, firstBatch, endBatch, firstRowId, rowCount, done);
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FeatherSplit)) return false;
        FeatherSplit s = (FeatherSplit) o;
        return path.equals(s.path) && firstBatch == s.firstBatch && endBatch == s.endBatch
                && firstRowId == s.firstRowId && rowCount == s.rowCount && rowsDone == s.rowsDone;
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, firstBatch, endBatch, firstRowId, rowCount, rowsDone);
    }

    @Override
    public String toString() {
        return "FeatherSplit(" + path + ", batches " + firstBatch + "-" + (endBatch - 1) + ", rows "
                + firstRowId + "+" + rowCount + (rowsDone > 0 ? ", " + rowsDone + " done" : "") + ")";
    }
}
