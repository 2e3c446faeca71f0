package io.vizflow.row;

import java.util.Arrays;

/**
 * Rows waiting in first-in-first-out order, their values in a few flat arrays instead of a row
 * object each: a symbol's forward-return window holds hundreds of thousands of rows of the busiest
 * symbol, which as objects lived long enough to be promoted and filled the old generation with
 * the day's size. {@link BlockReader#read(RowBlock, RowQueue)} reads a block's rows straight into
 * it; {@link #pollFirst(VizRow)} hands the oldest out into a row the caller reuses.
 *
 * <p>A queue holds the columns {@code [0, width)} of its rows: values and null bits as a
 * {@link VizRow} does, strings up to the last string column.
 */
public final class RowQueue {
    final int width;
    final int words;
    final int stringWidth;
    long[] prims;
    long[] nulls;
    String[] strings;
    int head; // read in place by ColumnBatch
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

    /** Column {@code column} of the {@code i}-th row from the oldest (int64, real bits or boolean). */
    public long getLong(int i, int column) {
        return prims[(head + i) * width + column];
    }

    public double getDouble(int i, int column) {
        return Double.longBitsToDouble(getLong(i, column));
    }

    public boolean isNull(int i, int column) {
        return (nulls[(head + i) * words + (column >>> 6)] & (1L << column)) != 0;
    }

    /** Appends a copy of the first {@code width} columns of {@code row}. */
    public void add(VizRow row) {
        // plain loops, not System.arraycopy: for rows of a few dozen values the copy stub's call
        // cost more than the copy (profiled: ~1 s of a 20M-row post-trade day)
        int slot = addSlot();
        long[] from = row.prims;
        int at = slot * width;
        for (int c = 0; c < width; c++) prims[at + c] = from[c];
        int n = slot * words;
        for (int k = 0; k < words; k++) nulls[n + k] = row.nulls[k];
        int tail = width & 63;
        if (tail != 0) nulls[n + words - 1] &= (1L << tail) - 1; // bits of columns past the queue's
        if (stringWidth > 0) {
            String[] texts = row.strings;
            int s = slot * stringWidth;
            for (int c = 0; c < stringWidth; c++) strings[s + c] = c < texts.length ? texts[c] : null;
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

    /**
     * {@code n} new rows at the end, one after the other, for {@link BlockReader} to fill: the
     * first one's index into the arrays (times {@link #width}, {@link #words} or
     * {@link #stringWidth}). Their values are whatever the slots held before; the reader writes
     * every column, null ones as 0.
     */
    int addSlots(int n) {
        if (end + n > capacity) {
            int live = end - head;
            if (head > 0 && live + n <= capacity / 2) {
                System.arraycopy(prims, head * width, prims, 0, live * width);
                System.arraycopy(nulls, head * words, nulls, 0, live * words);
                if (stringWidth > 0) {
                    System.arraycopy(strings, head * stringWidth, strings, 0, live * stringWidth);
                    Arrays.fill(strings, live * stringWidth, end * stringWidth, null);
                }
                head = 0;
                end = live;
            } else {
                grow(Math.max(capacity * 2, end + n));
            }
        }
        int first = end;
        end += n;
        return first;
    }

    /** One new row at the end: {@link #addSlots addSlots(1)}. */
    int addSlot() {
        return addSlots(1);
    }

    private void grow(int rows) {
        capacity = rows;
        prims = Arrays.copyOf(prims, rows * width);
        nulls = Arrays.copyOf(nulls, rows * words);
        strings = Arrays.copyOf(strings, rows * stringWidth);
    }
}
