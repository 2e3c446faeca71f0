package io.vizflow.row;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** Reads the rows of a {@link RowBlock} that {@link BlockWriter} encoded, into new rows. */
public final class BlockReader implements Serializable {
    private static final long serialVersionUID = 1L;

    private final byte[] kinds;
    private final int width;
    private final int words;
    private transient long[] previous;
    private transient String[] strings;
    private transient byte[] buf;
    private transient int pos;
    private transient long[] nulls;
    private transient String firstString;

    public BlockReader(RowSchema schema) {
        this.kinds = BlockWriter.kinds(schema);
        this.width = kinds.length;
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
            into[at + r] = row;
            for (int k = 0; k < words; k++) row.nulls[k] = readVar();
            long[] prims = row.prims;
            for (int c = 0; c < width; c++) {
                if ((row.nulls[c >>> 6] & (1L << c)) != 0) continue;
                switch (kinds[c]) {
                    case 0: {
                        long z = readVar();
                        long v = previous[c] + ((z >>> 1) ^ -(z & 1));
                        previous[c] = v;
                        prims[c] = v;
                        break;
                    }
                    case 1:
                        prims[c] = (long) BlockWriter.LONGS.get(buf, pos);
                        pos += 8;
                        break;
                    case 2: {
                        int index = (int) readVar();
                        if (index == 0) {
                            String s = readUtf8();
                            if (known == strings.length) strings = Arrays.copyOf(strings, known * 2);
                            strings[known++] = s;
                            row.strings[c] = s;
                        } else {
                            row.strings[c] = strings[index - 1];
                        }
                        break;
                    }
                    default:
                        prims[c] = buf[pos++];
                }
            }
        }
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
            for (int r = 0; r < block.size(); r++) {
                for (int k = 0; k < words; k++) nulls[k] = readVar();
                long a = Long.MIN_VALUE;
                long b = Long.MIN_VALUE;
                for (int c = 0; c < width; c++) {
                    if ((nulls[c >>> 6] & (1L << c)) != 0) continue;
                    switch (kinds[c]) {
                        case 0: {
                            long z = readVar();
                            long v = previous[c] + ((z >>> 1) ^ -(z & 1));
                            previous[c] = v;
                            if (c == first) a = v;
                            if (c == second) b = v;
                            break;
                        }
                        case 1:
                            pos += 8;
                            break;
                        case 2:
                            if (readVar() == 0) {
                                int len = (int) readVar(); // read before pos is: `pos += readVar()` would lose the varint
                                pos += len;
                            }
                            break;
                        default:
                            pos++;
                    }
                }
                if (a < lastA || (a == lastA && b < lastB)) {
                    buf = null;
                    return false;
                }
                lastA = a;
                lastB = b;
            }
            buf = null;
        }
        return true;
    }

    /** Column {@code column} of the block's first row (int64, real bits or boolean), or null; without reading the rest. */
    public Long firstLong(RowBlock block, int column) {
        return skipTo(block, column) ? previous[column] : null;
    }

    /** String column {@code column} of the block's first row, or null; without reading the rest. */
    public String firstString(RowBlock block, int column) {
        return skipTo(block, column) ? firstString : null;
    }

    /** Reads the first row up to {@code column}; false if the value there is null. */
    private boolean skipTo(RowBlock block, int column) {
        start(block);
        for (int k = 0; k < words; k++) nulls[k] = readVar();
        if ((nulls[column >>> 6] & (1L << column)) != 0) {
            buf = null;
            return false;
        }
        int known = 0;
        for (int c = 0; c <= column; c++) {
            if ((nulls[c >>> 6] & (1L << c)) != 0) continue;
            switch (kinds[c]) {
                case 0: {
                    long z = readVar();
                    previous[c] = (z >>> 1) ^ -(z & 1); // the first row's difference is to 0
                    break;
                }
                case 1:
                    previous[c] = (long) BlockWriter.LONGS.get(buf, pos);
                    pos += 8;
                    break;
                case 2: {
                    int index = (int) readVar();
                    String v;
                    if (index == 0) {
                        v = readUtf8();
                        strings[known++] = v;
                    } else {
                        v = strings[index - 1];
                    }
                    firstString = v;
                    break;
                }
                default:
                    previous[c] = buf[pos++];
            }
        }
        Arrays.fill(strings, 0, known, null);
        buf = null;
        return true;
    }

    private void start(RowBlock block) {
        if (previous == null) {
            previous = new long[width];
            nulls = new long[words];
            strings = new String[Math.max(16, width)];
        }
        Arrays.fill(previous, 0);
        buf = block.data();
        pos = 0;
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
