package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;

import java.util.Arrays;

/**
 * The pieces a {@link RowExpander} makes of a batch of rows, in order: for each, the index of its
 * source row in that batch and the values of the expander's own columns. Nothing of the source
 * row is copied here: the per-symbol stage gathers the columns it hands on, a column at a time.
 */
public final class Pieces {
    private int[] sources;
    private final ColumnBatch own;

    /** Pieces whose own columns are {@code ownColumns}, with room for {@code capacity} to start with. */
    public Pieces(RowSchema ownColumns, int capacity) {
        this.sources = new int[Math.max(8, capacity)];
        this.own = new ColumnBatch(ownColumns, capacity);
    }

    /**
     * A new piece of source row {@code sourceRow}; its index, at which the caller then sets every
     * one of its own columns in {@link #own()} (a value, or {@link ColumnBatch#setNull}).
     */
    public int add(int sourceRow) {
        int p = own.addRows(1);
        if (p == sources.length) sources = Arrays.copyOf(sources, p * 2);
        sources[p] = sourceRow;
        return p;
    }

    /** The expander's own columns of the pieces, as the columns of a batch of {@link #size()} rows. */
    public ColumnBatch own() {
        return own;
    }

    public int size() {
        return own.size();
    }

    /** Piece {@code p}'s source row is row {@code sources()[p]} of the batch it was made of. */
    public int[] sources() {
        return sources;
    }

    /** No pieces, for the next batch. */
    public void clear() {
        own.reset(0);
    }
}
