package io.vizflow.pipeline;

import io.vizflow.row.VizRow;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Gives each row the record timestamp {@code elapsed_seconds << 40 | row_id}, so that BATCH
 * execution, which sorts a keyed input by key and then timestamp, delivers each symbol's rows in
 * {@code (elapsed_seconds, row_id)} order, ties in time broken by {@code row_id}.
 */
final class SequenceTimestamps implements SerializableTimestampAssigner<VizRow> {
    private static final long serialVersionUID = 1L;
    static final int ROW_ID_BITS = 40;

    private final int elapsed;
    private final int rowId;

    SequenceTimestamps(int elapsed, int rowId) {
        this.elapsed = elapsed;
        this.rowId = rowId;
    }

    @Override
    public long extractTimestamp(VizRow row, long previous) {
        long id = row.getLong(rowId);
        if (id >>> ROW_ID_BITS != 0) {
            throw new IllegalStateException("row_id " + id + " does not fit in " + ROW_ID_BITS + " bits");
        }
        return (row.getLong(elapsed) << ROW_ID_BITS) | id;
    }
}
