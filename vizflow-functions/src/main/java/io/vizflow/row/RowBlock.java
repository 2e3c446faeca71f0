package io.vizflow.row;

import java.util.Arrays;

/**
 * Rows that travel together: one symbol's rows from one stretch of the file, in file order. The
 * keyed shuffle and sort of a day then handle one record per block instead of one per row, which
 * is most of what they cost (each record pays for its key, its sort entry and its hand-over
 * between threads, whatever its size).
 */
public final class RowBlock {
    private final VizRow[] rows;
    private final int size;

    /** A block of {@code rows[0..size)}; the array is the block's own from now on. */
    public RowBlock(VizRow[] rows, int size) {
        if (size <= 0 || size > rows.length) {
            throw new IllegalArgumentException("a block holds 1 to " + rows.length + " rows, not " + size);
        }
        this.rows = rows;
        this.size = size;
    }

    public static RowBlock of(VizRow... rows) {
        return new RowBlock(rows, rows.length);
    }

    public int size() {
        return size;
    }

    public VizRow row(int i) {
        return rows[i];
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RowBlock)) return false;
        RowBlock b = (RowBlock) o;
        return size == b.size && Arrays.equals(rows, 0, size, b.rows, 0, b.size);
    }

    @Override
    public int hashCode() {
        int h = size;
        for (int i = 0; i < size; i++) h = 31 * h + rows[i].hashCode();
        return h;
    }

    @Override
    public String toString() {
        return "RowBlock" + Arrays.toString(Arrays.copyOf(rows, size));
    }
}
