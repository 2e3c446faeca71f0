package io.vizflow.row;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes rows into a {@link RowBlock} as they come, column by column: each column's values go
 * into a stream of their own, and the block is the columns one after the other, each as a varint
 * header ({@code (bytes of its values << 1) | has nulls}), the bitmap of its null rows when it has
 * any ({@code (rows + 7) / 8} bytes, row {@code r} in bit {@code r & 7} of byte {@code r >> 3}),
 * then its non-null values in row order. {@link BlockReader} then reads a column in one tight loop
 * into the arrays of its rows, and can read one column without the others.
 *
 * <p>Values: integers as zig-zag varints of their difference to the column's value before (row
 * ids, times and the symbol of a block then take a byte or two), reals as decimals where they are
 * (below), booleans as a byte, strings as an index into the column's own dictionary (a new string:
 * 0, then its UTF-8 length and bytes).
 *
 * <p>A real that is within one unit in the last place of a number of ten-thousandths {@code k}
 * (prices, mostly: {@code 65.087}, or {@code 65.0705} as a sum of doubles makes it) is the
 * zig-zag difference of {@code k} to the column's value before, shifted left by two, with the unit
 * to add to {@code k * 1e-4}'s bits in the low two bits (0, 1, or 3 for -1): a price moving by
 * cents takes a byte or two instead of eight, exactly. Any other real (an alpha, NaN, -0.0) is a
 * 2 and then its 8 bytes, and the column's later reals in the block are their 8 bytes alone.
 */
public final class BlockWriter {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Reals as numbers of ten-thousandths ({@link #appendReals}); the same in {@link BlockReader}. */
    static final double DECIMALS = 10_000.0;
    /**
     * A ten-thousandth: {@code k * 1e-4}, a multiplication, is the real a number of ten-thousandths
     * stands for, on both sides (within a unit of {@code k / 10000.0}, which a division, several
     * times slower, would give exactly).
     */
    static final double TEN_THOUSANDTH = 1e-4;
    /** Reals no larger than this in ten-thousandths are tried as decimals: the difference's varint stays in 64 bits. */
    static final double MAX_DECIMALS = 1e15;
    /** The low bits of a real's varint that say it is not a decimal: its 8 bytes follow. */
    static final int RAW = 2;
    private static final int SCAN = 16; // a column's strings are mostly few (sides, flags): a scan beats hashing
    private static final byte[] NONE = new byte[0];
    private static final long[] NO_NULLS = new long[0];
    static final byte STRING = (byte) ColumnType.STRING.ordinal();

    private final byte[] kinds;
    private final int width;
    private final byte[][] data;     // each column's values; held only while a block is being written
    private final int[] length;      // bytes of each column's values so far
    private final int[] lastSize;    // bytes of each column's values in the writer's last block: the next one's first buffer
    private final long[][] nullRows; // each column's null rows as bits, NO_NULLS while it has none
    private final long[] previous;   // integers: the value before; reals: its ten-thousandths
    private final boolean[] raw;     // a real column whose values in this block are their 8 bytes
    private final Dictionary[] dictionaries; // of the string columns
    private int rows;
    private long minKey;
    private long maxKey;
    private boolean inOrder;
    private boolean ordered; // every row came with its (time, row id)
    private long lastTime;
    private long lastRowId;

    public BlockWriter(RowSchema schema) {
        this.kinds = kinds(schema);
        this.width = kinds.length;
        this.data = new byte[width][];
        this.length = new int[width];
        this.lastSize = new int[width];
        this.nullRows = new long[width][];
        this.previous = new long[width];
        this.raw = new boolean[width];
        this.dictionaries = new Dictionary[width];
        for (int c = 0; c < width; c++) {
            data[c] = NONE;
            lastSize[c] = 16;
            nullRows[c] = NO_NULLS;
            if (kinds[c] == STRING) dictionaries[c] = new Dictionary();
        }
    }

    static byte[] kinds(RowSchema schema) {
        byte[] k = new byte[schema.size()];
        for (int i = 0; i < k.length; i++) k[i] = (byte) schema.type(i).ordinal();
        return k;
    }

    /** Rows appended since the last {@link #finish()}. */
    public int rows() {
        return rows;
    }

    /** Appends a row; the block's rows' order is then not known ({@link RowBlock#inOrder()}). */
    public void append(VizRow row) {
        ordered = false;
        encode(row);
    }

    /**
     * Appends a row with its time and row id: the block then knows its smallest and largest
     * {@link RowBlock#orderKey} and whether its rows came in {@code (time, rowId)} order.
     */
    public void append(VizRow row, long time, long rowId) {
        order(time, rowId);
        encode(row);
    }

    /**
     * Appends rows {@code [from, to)} of {@code batch}, row {@code r} with time {@code times[r]} and
     * row id {@code rowIds[r]}, as {@link #append(VizRow, long, long)} does each of them: the same
     * bytes, written a column at a time (one loop per column, the column's buffer and its value
     * before in registers).
     */
    public void append(ColumnBatch batch, int from, int to, long[] times, long[] rowIds) {
        int first = rows;
        for (int r = from; r < to; r++) {
            order(times[r], rowIds[r]);
            rows++;
        }
        long[][] values = batch.values;
        for (int c = 0; c < width; c++) {
            ColumnBatch nulls = batch.hasNulls(c) ? batch : null;
            switch (kinds[c]) {
                case 0: // LONG
                    appendLongs(c, values[c], from, to, nulls, first);
                    break;
                case 1: // DOUBLE
                    appendReals(c, values[c], from, to, nulls, first);
                    break;
                case 2: // STRING
                    appendStrings(c, batch.strings[c], from, to, nulls, first);
                    break;
                default: // BOOLEAN
                    appendBytes(c, values[c], from, to, nulls, first);
            }
        }
    }

    /** Integers {@code v[from, to)} of column {@code c}, the first as the block's row {@code row}. */
    private void appendLongs(int c, long[] v, int from, int to, ColumnBatch nulls, int row) {
        byte[] buf = room(c, 10 * (to - from));
        int p = length[c];
        long before = previous[c];
        for (int r = from; r < to; r++, row++) {
            if (nulls != null && nulls.isNull(c, r)) {
                markNull(c, row);
                continue;
            }
            long d = v[r] - before;
            before = v[r];
            p = putVar(buf, p, (d << 1) ^ (d >> 63));
        }
        previous[c] = before;
        length[c] = p;
    }

    /**
     * Reals {@code v[from, to)} of column {@code c}, given as their bits, the first as the block's
     * row {@code row}: as decimals where they are (see the class comment).
     */
    private void appendReals(int c, long[] v, int from, int to, ColumnBatch nulls, int row) {
        byte[] buf = room(c, 10 * (to - from));
        int p = length[c];
        long before = previous[c];
        boolean isRaw = raw[c];
        for (int r = from; r < to; r++, row++) {
            if (nulls != null && nulls.isNull(c, r)) {
                markNull(c, row);
                continue;
            }
            long bits = v[r];
            if (!isRaw) {
                double scaled = Double.longBitsToDouble(bits) * DECIMALS;
                if (Math.abs(scaled) < MAX_DECIMALS) { // false for NaN and the infinities
                    long k = (long) Math.rint(scaled);
                    long ulps = bits - Double.doubleToRawLongBits(k * TEN_THOUSANDTH);
                    if (ulps >= -1 && ulps <= 1) {
                        long d = k - before;
                        before = k;
                        p = putVar(buf, p, (((d << 1) ^ (d >> 63)) << 2) | (ulps & 3));
                        continue;
                    }
                }
                isRaw = true;
                buf[p++] = RAW;
            }
            LONGS.set(buf, p, bits);
            p += 8;
        }
        previous[c] = before;
        raw[c] = isRaw;
        length[c] = p;
    }

    /** Booleans {@code v[from, to)} of column {@code c} (0/1), a byte each, the first as the block's row {@code row}. */
    private void appendBytes(int c, long[] v, int from, int to, ColumnBatch nulls, int row) {
        byte[] buf = room(c, to - from);
        int p = length[c];
        for (int r = from; r < to; r++, row++) {
            if (nulls != null && nulls.isNull(c, r)) markNull(c, row);
            else buf[p++] = (byte) v[r];
        }
        length[c] = p;
    }

    /** Keeps the block's smallest and largest order keys and whether its rows came in order. */
    private void order(long time, long rowId) {
        long key = RowBlock.orderKey(time, rowId);
        if (rows == 0) {
            minKey = key;
            maxKey = key;
            inOrder = true;
            ordered = true;
        } else {
            if (key < minKey) minKey = key;
            if (key > maxKey) maxKey = key;
            if (time < lastTime || (time == lastTime && rowId <= lastRowId)) inOrder = false;
        }
        lastTime = time;
        lastRowId = rowId;
    }

    private void encode(VizRow row) {
        int r = rows++;
        long[] nulls = row.nulls;
        long[] prims = row.prims;
        for (int c = 0; c < width; c++) {
            if ((nulls[c >>> 6] & (1L << c)) != 0) {
                markNull(c, r);
                continue;
            }
            switch (kinds[c]) { // the row's value of column c is prims[c]: a range of one
                case 0: // LONG
                    appendLongs(c, prims, c, c + 1, null, r);
                    break;
                case 1: // DOUBLE
                    appendReals(c, prims, c, c + 1, null, r);
                    break;
                case 2: // STRING
                    appendStrings(c, row.strings, c, c + 1, null, r);
                    break;
                default: // BOOLEAN
                    appendBytes(c, prims, c, c + 1, null, r);
            }
        }
    }

    private void markNull(int c, int r) {
        long[] bits = nullRows[c];
        if ((r >>> 6) >= bits.length) {
            bits = nullRows[c] = Arrays.copyOf(bits, Math.max(4, Math.max(bits.length * 2, (r >>> 6) + 1)));
        }
        bits[r >>> 6] |= 1L << r;
    }

    /** The block of the rows appended so far; the writer starts a new one. */
    public RowBlock finish() {
        int bitmap = (rows + 7) >>> 3;
        int size = 0;
        for (int c = 0; c < width; c++) {
            size += varLength(header(c)) + (nullRows[c] != NO_NULLS ? bitmap : 0) + length[c];
        }
        byte[] out = new byte[size];
        int p = 0;
        for (int c = 0; c < width; c++) {
            p = putVar(out, p, header(c));
            long[] bits = nullRows[c];
            if (bits != NO_NULLS) {
                for (int i = 0; i < bitmap; i++) {
                    out[p++] = (i >>> 3) < bits.length ? (byte) (bits[i >>> 3] >>> ((i & 7) << 3)) : 0;
                }
                nullRows[c] = NO_NULLS;
            }
            System.arraycopy(data[c], 0, out, p, length[c]);
            p += length[c];
            // thousands of writers (one per symbol) must not each keep buffers between blocks; the
            // next block starts with buffers as large as this one's were, so they rarely grow
            // (growing a buffer from a small one was a quarter of all allocation of a post-trade day)
            lastSize[c] = Math.max(16, length[c]);
            data[c] = NONE;
            length[c] = 0;
            previous[c] = 0;
            raw[c] = false;
            if (dictionaries[c] != null) dictionaries[c].clear();
        }
        RowBlock b = ordered ? new RowBlock(rows, out, minKey, maxKey, inOrder)
                : new RowBlock(rows, out, RowBlock.UNKNOWN_MIN, RowBlock.UNKNOWN_MAX, false);
        rows = 0;
        return b;
    }

    private int header(int c) {
        return (length[c] << 1) | (nullRows[c] != NO_NULLS ? 1 : 0);
    }

    private static int varLength(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    /** The varint of {@code v} into {@code out} at {@code p}; the position after it. */
    private static int putVar(byte[] out, int p, long v) {
        while ((v & ~0x7FL) != 0) {
            out[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[p++] = (byte) v;
        return p;
    }

    /**
     * Strings {@code v[from, to)} of column {@code c}, the first as the block's row {@code row}:
     * each its number in the block's dictionary, or 0 and its UTF-8 bytes where it is new.
     */
    private void appendStrings(int c, String[] v, int from, int to, ColumnBatch nulls, int row) {
        Dictionary dictionary = dictionaries[c];
        byte[] buf = room(c, 5 * (to - from)); // a number is an int: a varint of at most 5 bytes
        int p = length[c];
        for (int r = from; r < to; r++, row++) {
            if (nulls != null && nulls.isNull(c, r)) {
                markNull(c, row);
                continue;
            }
            int known = dictionary.indexOf(v[r]);
            if (known > 0) {
                p = putVar(buf, p, known);
                continue;
            }
            length[c] = p;
            writeNewString(c, v[r]);
            buf = room(c, 5 * (to - r - 1));
            p = length[c];
        }
        length[c] = p;
    }

    /** A string the block's dictionary has just numbered: 0, then its length and UTF-8 bytes. */
    private void writeNewString(int c, String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVar(c, 0);
        writeVar(c, utf8.length);
        byte[] buf = room(c, utf8.length);
        System.arraycopy(utf8, 0, buf, length[c], utf8.length);
        length[c] += utf8.length;
    }

    /** Column {@code c}'s buffer, with room for {@code more} bytes. */
    private byte[] room(int c, int more) {
        byte[] buf = data[c];
        int at = length[c];
        if (at + more > buf.length) {
            int size = buf.length == 0 ? lastSize[c] + (lastSize[c] >>> 3) : buf.length * 2;
            buf = data[c] = Arrays.copyOf(buf, Math.max(at + more, size));
        }
        return buf;
    }

    private void writeVar(int c, long z) {
        length[c] = putVar(room(c, 10), length[c], z);
    }

    /**
     * A string column's strings in this block, numbered from 1 in the order they came: found by a
     * scan while they are few, then by hashing.
     */
    private static final class Dictionary {
        private String[] strings = new String[4];
        private int size;
        private Map<String, Integer> many; // past SCAN strings

        /** The number of {@code s}, or 0 if it is new (it is then numbered). */
        int indexOf(String s) {
            if (size <= SCAN) {
                for (int i = 0; i < size; i++) {
                    if (strings[i] == s || strings[i].equals(s)) return i + 1;
                }
            } else {
                Integer known = many.get(s);
                if (known != null) return known;
            }
            if (size == strings.length) strings = Arrays.copyOf(strings, size * 2);
            strings[size++] = s;
            if (size > SCAN) {
                if (many == null) many = new HashMap<>();
                if (size == SCAN + 1) {
                    for (int i = 0; i < SCAN; i++) many.put(strings[i], i + 1);
                }
                many.put(s, size);
            }
            return 0;
        }

        void clear() {
            Arrays.fill(strings, 0, size, null);
            size = 0;
            if (many != null) many.clear();
        }
    }
}
