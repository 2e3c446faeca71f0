package io.vizflow.row;

import java.util.Arrays;

/**
 * Rows that travel together: one symbol's rows from one stretch of the file, in file order, kept
 * encoded ({@link BlockWriter}) until the operator that works on them reads them
 * ({@link BlockReader}). The keyed shuffle and sort of a day then handle one record per block
 * instead of one per row, which is most of what they cost (each record pays for its key, its sort
 * entry and its hand-over between threads, whatever its size), and they copy the block's bytes
 * without decoding them.
 */
public final class RowBlock {
    private final int size;
    private final byte[] data;

    RowBlock(int size, byte[] data) {
        if (size <= 0) {
            throw new IllegalArgumentException("a block holds at least one row, not " + size);
        }
        this.size = size;
        this.data = data;
    }

    /** A block of these rows, all of {@code schema}. */
    public static RowBlock of(RowSchema schema, VizRow... rows) {
        BlockWriter w = new BlockWriter(schema);
        for (VizRow r : rows) w.append(r);
        return w.finish();
    }

    public int size() {
        return size;
    }

    byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowBlock && size == ((RowBlock) o).size && Arrays.equals(data, ((RowBlock) o).data);
    }

    @Override
    public int hashCode() {
        return 31 * size + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RowBlock[" + size + " rows, " + data.length + " bytes]";
    }
}
