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
    /** {@link #minOrderKey()} of a block whose rows' order is not known. */
    public static final long UNKNOWN_MIN = Long.MIN_VALUE;
    /** {@link #maxOrderKey()} of a block whose rows' order is not known. */
    public static final long UNKNOWN_MAX = Long.MAX_VALUE;

    private static final int ROW_ID_BITS = 40;
    private static final long MAX_ROW_ID = (1L << ROW_ID_BITS) - 1;
    private static final long MAX_TIME = (1L << (63 - ROW_ID_BITS)) - 1;

    private final int size;
    private final byte[] data;
    private final long minOrderKey;
    private final long maxOrderKey;
    private final boolean inOrder;

    RowBlock(int size, byte[] data, long minOrderKey, long maxOrderKey, boolean inOrder) {
        if (size <= 0) {
            throw new IllegalArgumentException("a block holds at least one row, not " + size);
        }
        if (minOrderKey > maxOrderKey) {
            throw new IllegalArgumentException("a block's order keys " + minOrderKey + " > " + maxOrderKey);
        }
        this.size = size;
        this.data = data;
        this.minOrderKey = minOrderKey;
        this.maxOrderKey = maxOrderKey;
        this.inOrder = inOrder;
    }

    /** A block of these rows, all of {@code schema}, their order not known. */
    public static RowBlock of(RowSchema schema, VizRow... rows) {
        BlockWriter w = new BlockWriter(schema);
        for (VizRow r : rows) w.append(r);
        return w.finish();
    }

    /**
     * A block of these rows, all of {@code schema}, with the order keys of their
     * {@code (time, rowId)} columns (int64), as {@link BlockWriter#append(VizRow, long, long)} keeps them.
     */
    public static RowBlock of(RowSchema schema, int time, int rowId, VizRow... rows) {
        BlockWriter w = new BlockWriter(schema);
        for (VizRow r : rows) w.append(r, r.getLong(time), r.getLong(rowId));
        return w.finish();
    }

    /**
     * One long that never decreases as {@code (time, rowId)} increases (compared time first): the
     * time in the high 23 bits and the row id in the low 40 when they fit (every trading second of
     * a day, a trillion rows), else saturated so the order still holds (a time below 0 gives 0, one
     * past the range the largest key), so {@code orderKey(a) < orderKey(b)} implies {@code a < b}.
     * Distinct rows of a day get distinct keys.
     */
    public static long orderKey(long time, long rowId) {
        if (time < 0) return 0;
        if (time > MAX_TIME) return Long.MAX_VALUE;
        return (time << ROW_ID_BITS) | Math.max(0, Math.min(rowId, MAX_ROW_ID));
    }

    public int size() {
        return size;
    }

    /** The smallest {@link #orderKey} of the block's rows ({@link #UNKNOWN_MIN} if not known). */
    public long minOrderKey() {
        return minOrderKey;
    }

    /** The largest {@link #orderKey} of the block's rows ({@link #UNKNOWN_MAX} if not known). */
    public long maxOrderKey() {
        return maxOrderKey;
    }

    /** Whether the block's rows are known to be in {@code (time, rowId)} order, as written. */
    public boolean inOrder() {
        return inOrder;
    }

    byte[] data() {
        return data;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof RowBlock)) return false;
        RowBlock b = (RowBlock) o;
        return size == b.size && minOrderKey == b.minOrderKey && maxOrderKey == b.maxOrderKey && inOrder == b.inOrder
                && Arrays.equals(data, b.data);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * size + Long.hashCode(minOrderKey)) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "RowBlock[" + size + " rows, " + data.length + " bytes" + (inOrder ? ", in order" : "") + "]";
    }
}
