package io.vizflow.pipeline;

import io.vizflow.row.VizRow;

import org.apache.flink.api.common.eventtime.SerializableTimestampAssigner;

/**
 * Gives each row a record timestamp that orders a symbol's rows by {@code (elapsed_seconds,
 * row_id)}: BATCH execution sorts a keyed input by key and then timestamp.
 *
 * <p>In general the timestamp is {@code elapsed_seconds << 40 | row_id}. When the file is known to
 * be in time order, {@code row_id} alone gives the same order, and the timestamp is
 * {@code row_id << 32}: its high bytes, which the sorter's normalized key holds next to a 4-byte
 * key, then decide every comparison without deserializing a record.
 */
final class SequenceTimestamps implements SerializableTimestampAssigner<VizRow> {
    private static final long serialVersionUID = 1L;
    static final int ROW_ID_BITS = 40;
    static final long MAX_ROWS_IN_ROW_ORDER = 1L << 31;

    private final int elapsed;
    private final int rowId;
    private final boolean rowOrder;

    SequenceTimestamps(int elapsed, int rowId) {
        this(elapsed, rowId, false);
    }

    SequenceTimestamps(int elapsed, int rowId, boolean rowOrder) {
        this.elapsed = elapsed;
        this.rowId = rowId;
        this.rowOrder = rowOrder;
    }

    @Override
    public long extractTimestamp(VizRow row, long previous) {
        long id = row.getLong(rowId);
        if (rowOrder) {
            if (id >= MAX_ROWS_IN_ROW_ORDER) {
                throw new IllegalStateException("row_id " + id + " is too large for row-order timestamps");
            }
            return id << 32;
        }
        if (id >>> ROW_ID_BITS != 0) {
            throw new IllegalStateException("row_id " + id + " does not fit in " + ROW_ID_BITS + " bits");
        }
        return (row.getLong(elapsed) << ROW_ID_BITS) | id;
    }
}
