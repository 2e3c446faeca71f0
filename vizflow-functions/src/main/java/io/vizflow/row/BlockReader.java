package io.vizflow.row;

import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Reads the rows of a {@link RowBlock} that {@link BlockWriter} encoded: a column at a time, each
 * in one loop over the block's rows, into a {@link ColumnBatch}'s arrays or into new rows.
 */
public final class BlockReader implements Serializable {
    private static final long serialVersionUID = 2L;

    private final byte[] kinds;
    private final int width;
    private final int stringWidth;
    private transient byte[] buf;
    private transient int pos;
    private transient int rows;
    private transient int[] bitmapAt;  // per column: where its null rows' bitmap starts, -1 if it has none
    private transient int[] valuesAt;  // where its values start
    private transient int[] valuesEnd; // and end
    private transient String[] dictionary;
    private transient long[] scratch;
    private transient String[] scratchStrings;

    public BlockReader(RowSchema schema) {
        this.kinds = BlockWriter.kinds(schema);
        this.width = kinds.length;
        this.stringWidth = schema.stringWidth();
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
        int n = rows;
        for (int r = 0; r < n; r++) {
            VizRow row = VizRow.withHeadroom(Math.max(width, rowWidth));
            if (stringWidth > 0) row.strings = new String[stringWidth]; // up to the last string column
            into[at + r] = row;
        }
        long[] values = scratch(n);
        String[] texts = scratchStrings;
        for (int c = 0; c < width; c++) {
            readColumn(c, n, values, 0, 1, texts, 0, 1);
            boolean string = kinds[c] == BlockWriter.STRING;
            for (int r = 0; r < n; r++) {
                VizRow row = into[at + r];
                row.prims[c] = values[r];
                if (string) row.strings[c] = texts[r];
                if (isNull(c, r)) row.nulls[c >>> 6] |= 1L << c;
            }
        }
        end();
    }

    /**
     * The block's rows, appended to {@code batch} (whose first columns are this reader's; any
     * later ones are left for the caller to set): a column at a time, straight into its array.
     */
    public void read(RowBlock block, ColumnBatch batch) {
        if (batch.width() < width) {
            throw new IllegalArgumentException("a batch of " + batch.width() + " columns for a reader of " + width);
        }
        start(block);
        int n = rows;
        int first = batch.addRows(n);
        for (int c = 0; c < width; c++) {
            boolean string = kinds[c] == BlockWriter.STRING;
            if (string) {
                long[] values = scratch(n);
                readColumn(c, n, values, 0, 1, batch.strings[c], first, 1);
            } else {
                readColumn(c, n, batch.values[c], first, 1, null, 0, 0);
            }
            if (bitmapAt[c] >= 0) {
                for (int r = 0; r < n; r++) {
                    if (isNull(c, r)) batch.setNull(c, first + r);
                }
            }
        }
        end();
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
     * {@code first}, nor in {@code second} where {@code first} ties: only those two columns read.
     * Null values count as the smallest.
     */
    public boolean inOrder(Iterable<RowBlock> blocks, int first, int second) {
        long lastA = Long.MIN_VALUE;
        long lastB = Long.MIN_VALUE;
        for (RowBlock block : blocks) {
            start(block);
            int n = rows;
            long[] both = scratch(2 * n);
            readColumn(first, n, both, 0, 1, null, 0, 0);
            readColumn(second, n, both, n, 1, null, 0, 0);
            for (int r = 0; r < n; r++) {
                long a = isNull(first, r) ? Long.MIN_VALUE : both[r];
                long b = isNull(second, r) ? Long.MIN_VALUE : both[n + r];
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
        start(block);
        long[] value = scratch(1);
        boolean isNull = isNull(column, 0);
        readColumn(column, 1, value, 0, 1, scratchStrings, 0, 1);
        buf = null;
        return isNull ? null : value[0];
    }

    /** String column {@code column} of the block's first row, or null; without reading the rest. */
    public String firstString(RowBlock block, int column) {
        start(block);
        scratch(1);
        scratchStrings[0] = null;
        readColumn(column, 1, scratch, 0, 1, scratchStrings, 0, 1);
        buf = null;
        return scratchStrings[0];
    }

    private long[] scratch(int n) {
        if (scratch.length < n) {
            scratch = new long[Math.max(n, scratch.length * 2)];
            scratchStrings = new String[scratch.length];
        }
        return scratch;
    }

    /** Finds where each column's null bitmap and values are. */
    private void start(RowBlock block) {
        if (bitmapAt == null) {
            bitmapAt = new int[width];
            valuesAt = new int[width];
            valuesEnd = new int[width];
            dictionary = new String[16];
            scratch = new long[64];
            scratchStrings = new String[64];
        }
        buf = block.data();
        rows = block.size();
        pos = 0;
        int bitmap = (rows + 7) >>> 3;
        for (int c = 0; c < width; c++) {
            long header = readVar();
            int length = (int) (header >>> 1);
            if ((header & 1) != 0) {
                bitmapAt[c] = pos;
                pos += bitmap;
            } else {
                bitmapAt[c] = -1;
            }
            valuesAt[c] = pos;
            pos += length;
            valuesEnd[c] = pos;
            if (length < 0 || pos > buf.length) throw malformed("column " + c + " runs past the block's end");
        }
        if (pos != buf.length) {
            throw malformed(pos + " of " + buf.length + " bytes read");
        }
    }

    private void end() {
        buf = null;
    }

    private static IllegalStateException malformed(String what) {
        return new IllegalStateException("malformed RowBlock: " + what);
    }

    private boolean isNull(int c, int r) {
        int at = bitmapAt[c];
        return at >= 0 && (buf[at + (r >>> 3)] & (1 << (r & 7))) != 0;
    }

    /**
     * Reads the first {@code n} rows of column {@code c}: row {@code r}'s value (int64, real bits,
     * boolean; 0 for a null or a string) into {@code values[v + r * vStride]}, a string column's
     * string (null for a null) into {@code strings[s + r * sStride]} (when {@code strings} is given).
     */
    private void readColumn(int c, int n, long[] values, int v, int vStride, String[] strings, int s, int sStride) {
        pos = valuesAt[c];
        boolean nulls = bitmapAt[c] >= 0;
        switch (kinds[c]) {
            case 0: { // LONG
                long previous = 0;
                for (int r = 0; r < n; r++, v += vStride) {
                    if (nulls && isNull(c, r)) {
                        values[v] = 0;
                        continue;
                    }
                    long z = readVar();
                    previous += (z >>> 1) ^ -(z & 1);
                    values[v] = previous;
                }
                break;
            }
            case 1: { // DOUBLE
                long k = 0;
                boolean raw = false;
                for (int r = 0; r < n; r++, v += vStride) {
                    if (nulls && isNull(c, r)) {
                        values[v] = 0;
                        continue;
                    }
                    if (!raw) {
                        long z = readVar();
                        int low = (int) z & 3;
                        if (low != BlockWriter.RAW) {
                            long zigzag = z >>> 2;
                            k += (zigzag >>> 1) ^ -(zigzag & 1);
                            values[v] = Double.doubleToRawLongBits(k * BlockWriter.TEN_THOUSANDTH) + (low == 3 ? -1 : low);
                            continue;
                        }
                        raw = true;
                    }
                    values[v] = (long) BlockWriter.LONGS.get(buf, pos);
                    pos += 8;
                }
                break;
            }
            case 2: { // STRING
                int known = 0;
                for (int r = 0; r < n; r++, v += vStride, s += sStride) {
                    values[v] = 0;
                    String str = null;
                    if (!(nulls && isNull(c, r))) {
                        int index = (int) readVar();
                        if (index == 0) {
                            str = readUtf8();
                            if (known == dictionary.length) dictionary = Arrays.copyOf(dictionary, known * 2);
                            dictionary[known++] = str;
                        } else if (index <= known) {
                            str = dictionary[index - 1];
                        } else {
                            throw malformed("column " + c + " string " + index + " of " + known);
                        }
                    }
                    if (strings != null) strings[s] = str;
                }
                Arrays.fill(dictionary, 0, known, null);
                break;
            }
            default: // BOOLEAN
                for (int r = 0; r < n; r++, v += vStride) {
                    values[v] = nulls && isNull(c, r) ? 0 : buf[pos++];
                }
        }
        if (n == rows && pos != valuesEnd[c]) {
            throw malformed("column " + c + ": " + (pos - valuesAt[c]) + " of " + (valuesEnd[c] - valuesAt[c]) + " bytes read");
        }
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
