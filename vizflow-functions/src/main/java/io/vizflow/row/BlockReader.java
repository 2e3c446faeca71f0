package io.vizflow.row;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the rows of a {@link RowBlock} that {@link BlockWriter} encoded, into new rows. */
public final class BlockReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private static final byte STRING = (byte) ColumnType.STRING.ordinal();

    private final byte[] kinds;
    private final int width;
    private final int words;
    private final int stringWidth;
    private transient long[] previous;
    private transient boolean[] raw;
    private transient String[] strings;
    private transient byte[] buf;
    private transient int pos;
    private transient long[] nulls;   // a row read without making it: its null bits,
    private transient long[] values;  // its numbers, booleans and real bits,
    private transient String[] texts; // and its strings

    public BlockReader(RowSchema schema) {
        this.kinds = BlockWriter.kinds(schema);
        this.width = kinds.length;
        this.stringWidth = schema.stringWidth();
        this.words = (width + 63) >>> 6;
    }

    /** The block's rows, new, into {@code into[at..at + block.size())}. */
    public void read(RowBlock block, VizRow[] into, int at) {
        read(block, into, at, width);
    }

    /**
     * As {@link #read(RowBlock, VizRow[], int)}, with rows made for {@code rowWidth} columns (and a
     * few more), so that steps adding columns up to that width never copy them.
     */
    public void read(RowBlock block, VizRow[] into, int at, int rowWidth) {
        start(block);
        int known = 0;
        for (int r = 0; r < block.size(); r++) {
            VizRow row = VizRow.withHeadroom(Math.max(width, rowWidth));
            if (stringWidth > 0) row.strings = new String[stringWidth]; // up to the last string column
            into[at + r] = row;
            known = readRow(row.nulls, 0, row.prims, 0, row.strings, 0, known, width - 1);
        }
        end(known);
    }

    /** The block's rows, appended to {@code queue} (a queue of this reader's columns): no row objects made. */
    public void read(RowBlock block, RowQueue queue) {
        if (queue.width != width || queue.stringWidth != stringWidth) {
            throw new IllegalArgumentException("a queue of " + queue.width + " columns for a reader of " + width);
        }
        start(block);
        int known = 0;
        for (int r = 0; r < block.size(); r++) {
            int slot = queue.addSlot();
            known = readRow(queue.nulls, slot * words, queue.prims, slot * width, queue.strings, slot * stringWidth,
                    known, width - 1);
        }
        end(known);
    }

    private void end(int known) {
        Arrays.fill(strings, 0, known, null);
        if (pos != buf.length) {
            throw new IllegalStateException("malformed RowBlock: " + pos + " of " + buf.length + " bytes read");
        }
        buf = null;
    }

    /** The block's rows, new. */
    public VizRow[] read(RowBlock block) {
        return read(block, width);
    }

    /** The block's rows, new, made for {@code rowWidth} columns (and a few more). */
    public VizRow[] read(RowBlock block, int rowWidth) {
        VizRow[] rows = new VizRow[block.size()];
        read(block, rows, 0, rowWidth);
        return rows;
    }

    /**
     * Whether the rows of these blocks, one after the other, never go back in int64 column
     * {@code first}, nor in {@code second} where {@code first} ties: read without making rows.
     * Null values count as the smallest.
     */
    public boolean inOrder(Iterable<RowBlock> blocks, int first, int second) {
        long lastA = Long.MIN_VALUE;
        long lastB = Long.MIN_VALUE;
        for (RowBlock block : blocks) {
            start(block);
            int known = 0;
            for (int r = 0; r < block.size(); r++) {
                known = readRow(nulls, 0, values, 0, texts, 0, known, width - 1);
                long a = isNull(first) ? Long.MIN_VALUE : values[first];
                long b = isNull(second) ? Long.MIN_VALUE : values[second];
                if (a < lastA || (a == lastA && b < lastB)) {
                    Arrays.fill(strings, 0, known, null);
                    buf = null;
                    return false;
                }
                lastA = a;
                lastB = b;
            }
            Arrays.fill(strings, 0, known, null);
            buf = null;
        }
        return true;
    }

    /** Column {@code column} of the block's first row (int64, real bits or boolean), or null; without reading the rest. */
    public Long firstLong(RowBlock block, int column) {
        return readFirstRowTo(block, column) ? values[column] : null;
    }

    /** String column {@code column} of the block's first row, or null; without reading the rest. */
    public String firstString(RowBlock block, int column) {
        return readFirstRowTo(block, column) ? texts[column] : null;
    }

    /** Reads the block's first row up to {@code column}; false if the value there is null. */
    private boolean readFirstRowTo(RowBlock block, int column) {
        start(block);
        int known = readRow(nulls, 0, values, 0, texts, 0, 0, column);
        Arrays.fill(strings, 0, known, null);
        buf = null;
        return !isNull(column);
    }

    /**
     * Reads the next row's null bits and its columns {@code [0, upTo]} into the arrays from the
     * offsets given (a null column as 0, or a null string); {@code known} strings of the block's
     * dictionary are read so far, and the count after this row is returned.
     */
    private int readRow(long[] nullBits, int n, long[] values, int v, String[] strs, int s, int known, int upTo) {
        for (int k = 0; k < words; k++) nullBits[n + k] = readVar();
        for (int c = 0; c <= upTo; c++) {
            if ((nullBits[n + (c >>> 6)] & (1L << c)) != 0) {
                values[v + c] = 0;
                if (kinds[c] == STRING) strs[s + c] = null;
                continue;
            }
            int p = v + c;
            switch (kinds[c]) {
                case 0: {
                    long z = readVar();
                    long d = previous[c] + ((z >>> 1) ^ -(z & 1));
                    previous[c] = d;
                    values[p] = d;
                    break;
                }
                case 1:
                    values[p] = readReal(c);
                    break;
                case 2: {
                    int index = (int) readVar();
                    if (index == 0) {
                        String str = readUtf8();
                        if (known == strings.length) strings = Arrays.copyOf(strings, known * 2);
                        strings[known++] = str;
                        strs[s + c] = str;
                    } else {
                        strs[s + c] = strings[index - 1];
                    }
                    break;
                }
                default:
                    values[p] = buf[pos++];
            }
        }
        return known;
    }

    private boolean isNull(int column) {
        return (nulls[column >>> 6] & (1L << column)) != 0;
    }

    private void start(RowBlock block) {
        if (previous == null) {
            previous = new long[width];
            raw = new boolean[width];
            nulls = new long[words];
            values = new long[width];
            texts = new String[width];
            strings = new String[16];
        }
        Arrays.fill(previous, 0);
        Arrays.fill(raw, false);
        buf = block.data();
        pos = 0;
    }

    /** The bits of a real of column {@code c}: a decimal, or 8 bytes (see {@link BlockWriter}). */
    private long readReal(int c) {
        if (!raw[c]) {
            long z = readVar();
            int low = (int) z & 3;
            if (low != BlockWriter.RAW) {
                long zigzag = z >>> 2;
                long k = previous[c] + ((zigzag >>> 1) ^ -(zigzag & 1));
                previous[c] = k;
                return Double.doubleToRawLongBits(k * BlockWriter.TEN_THOUSANDTH) + (low == 3 ? -1 : low);
            }
            raw[c] = true;
        }
        long bits = (long) BlockWriter.LONGS.get(buf, pos);
        pos += 8;
        return bits;
    }

    private String readUtf8() {
        int len = (int) readVar();
        String s = new String(buf, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    private long readVar() {
        long z = 0;
        int shift = 0;
        while (true) {
            byte b = buf[pos++];
            z |= (long) (b & 0x7F) << shift;
            if (b >= 0) return z;
            shift += 7;
            if (shift > 63) throw new IllegalStateException("malformed varint in a RowBlock");
        }
    }
}
