package io.vizflow.row;

import java.util.Arrays;

/**
 * Rows waiting in first-in-first-out order, their values in a few flat arrays instead of a row
 * object each: the entry rows of a symbol's open FIFO lots ({@link io.vizflow.enrich.FifoMatch}),
 * up to hundreds of thousands for the busiest symbol, which as objects lived long enough to be
 * promoted and filled the old generation with the day's size. {@link #add(ColumnBatch, int)} copies
 * a row of a batch in; {@link #pollFirst(VizRow)} hands the oldest out into a row the caller reuses.
 *
 * <p>A queue holds the columns {@code [0, width)} of its rows: values and null bits as a
 * {@link VizRow} does, strings up to the last string column.
 */
public final class RowQueue {
    private final int width;
    private final int words;
    final int stringWidth;
    private long[] prims;
    private long[] nulls;
    String[] strings; // read by tests
    private int head;
    private int end;
    private int capacity;

    /** A queue of rows of {@code schema}'s columns. */
    public RowQueue(RowSchema schema) {
        this(schema.size(), schema.stringWidth());
    }

    /** A queue of rows of {@code width} columns whose strings are all before {@code stringWidth} ({@link RowSchema#stringWidth()}). */
    public RowQueue(int width, int stringWidth) {
        this.width = width;
        this.words = (width + 63) >>> 6;
        this.stringWidth = stringWidth;
        prims = new long[0];
        nulls = new long[0];
        strings = new String[0];
        grow(16);
    }

    public int size() {
        return end - head;
    }

    public boolean isEmpty() {
        return end == head;
    }

    /** Appends a copy of the first {@code width} columns of row {@code r} of {@code batch}. */
    public void add(ColumnBatch batch, int r) {
        int slot = addSlot();
        // the values first, one plain loop (strings' slots 0); then the null bits of the columns with nulls
        int at = slot * width;
        long[][] values = batch.values;
        for (int c = 0; c < width; c++) {
            long[] v = values[c];
            prims[at + c] = v == null ? 0 : v[r];
        }
        int s = slot * stringWidth;
        for (int c = 0; c < stringWidth; c++) {
            String[] v = batch.strings[c];
            strings[s + c] = v == null ? null : v[r];
        }
        int n = slot * words;
        for (int k = 0; k < words; k++) nulls[n + k] = 0;
        for (int c = 0; c < width; c++) {
            if (batch.isNull(c, r)) {
                prims[at + c] = 0;
                nulls[n + (c >>> 6)] |= 1L << c;
            }
        }
    }

    /**
     * Removes the oldest row, its values copied into {@code into} (made wide enough): columns
     * {@code [0, width)} and their null bits; the row's later columns are left for the steps that
     * set them.
     */
    public VizRow pollFirst(VizRow into) {
        if (head == end) throw new IllegalStateException("the queue is empty");
        VizRow row = into.ensureWidth(width);
        long[] to = row.prims;
        int at = head * width;
        for (int c = 0; c < width; c++) to[c] = prims[at + c];
        int n = head * words;
        int full = width >>> 6;
        for (int k = 0; k < full; k++) row.nulls[k] = nulls[n + k];
        if (full < words) {
            long mask = (1L << (width & 63)) - 1;
            row.nulls[full] = (row.nulls[full] & ~mask) | nulls[n + full];
        }
        if (stringWidth > 0) {
            if (row.strings.length < stringWidth) row.strings = Arrays.copyOf(row.strings, stringWidth);
            String[] texts = row.strings;
            int s = head * stringWidth;
            for (int c = 0; c < stringWidth; c++) texts[c] = strings[s + c];
        }
        dropFirst();
        return row;
    }

    /** Removes every row (their strings let go), keeping the room grown so far. */
    public void clear() {
        if (stringWidth > 0) Arrays.fill(strings, head * stringWidth, end * stringWidth, null);
        head = 0;
        end = 0;
    }

    /** Removes the oldest row without reading it (its strings let go). */
    public void dropFirst() {
        if (head == end) throw new IllegalStateException("the queue is empty");
        for (int s = head * stringWidth, c = 0; c < stringWidth; c++) strings[s + c] = null;
        head++;
        if (head == end) {
            head = 0;
            end = 0;
        }
    }

    /** One new row at the end: its index into the arrays (times {@link #width}, {@link #words} or {@link #stringWidth}). */
    private int addSlot() {
        if (end == capacity) {
            int live = end - head;
            if (head > 0 && live + 1 <= capacity / 2) {
                System.arraycopy(prims, head * width, prims, 0, live * width);
                System.arraycopy(nulls, head * words, nulls, 0, live * words);
                if (stringWidth > 0) {
                    System.arraycopy(strings, head * stringWidth, strings, 0, live * stringWidth);
                    Arrays.fill(strings, live * stringWidth, end * stringWidth, null);
                }
                head = 0;
                end = live;
            } else {
                grow(Math.max(capacity * 2, end + 1));
            }
        }
        return end++;
    }

    private void grow(int rows) {
        capacity = rows;
        prims = Arrays.copyOf(prims, rows * width);
        nulls = Arrays.copyOf(nulls, rows * words);
        strings = Arrays.copyOf(strings, rows * stringWidth);
    }
}
