package io.vizflow.row;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Encodes rows into a {@link RowBlock} as they come, while they are still in the processor's
 * cache. Row after row: the null bits (a varint per 64 columns), then the non-null values:
 * integers as zig-zag varints of their difference to the same column in the row before (row ids,
 * times and the symbol of a block then take a byte or two), reals as decimals where they are
 * (below), booleans as a byte, strings as an index into the block's own dictionary (a new string:
 * 0, then its UTF-8 length and bytes). {@link BlockReader} reads it back.
 *
 * <p>A real that is within one unit in the last place of a number of ten-thousandths {@code k}
 * (prices, mostly: {@code 65.087}, or {@code 65.0705} as a sum of doubles makes it) is the
 * zig-zag difference of {@code k} to the column's row before, shifted left by two, with the unit
 * to add to {@code k * 1e-4}'s bits in the low two bits (0, 1, or 3 for -1): a price moving by
 * cents takes a byte or two instead of eight, exactly. Any other real (an alpha, NaN, -0.0) is a
 * 2 and then its 8 bytes, and the column's later reals in the block are their 8 bytes alone.
 */
public final class BlockWriter {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** Reals as numbers of ten-thousandths ({@link #writeReal}); the same in {@link BlockReader}. */
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
    private static final int SCAN = 16; // a block's strings are mostly few (sides, flags): a scan beats hashing
    private static final byte[] NONE = new byte[0];

    private final byte[] kinds;
    private final int width;
    private final int words;
    private final long[] previous; // integers: the row before's value; reals: its ten-thousandths
    private final boolean[] raw;    // a real column whose values in this block are their 8 bytes
    private byte[] buf = NONE; // held only while a block is being written
    private int pos;
    private int lastSize = 64; // the bytes of the writer's last block: the next one's first buffer
    private int rows;
    private long minKey;
    private long maxKey;
    private boolean inOrder;
    private boolean ordered; // every row came with its (time, row id)
    private long lastTime;
    private long lastRowId;
    private String[] strings = new String[4];
    private int written;
    private Map<String, Integer> many; // past SCAN strings

    public BlockWriter(RowSchema schema) {
        this.kinds = kinds(schema);
        this.width = kinds.length;
        this.words = (width + 63) >>> 6;
        this.previous = new long[width];
        this.raw = new boolean[width];
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
     * Appends row {@code r} of {@code batch} with its time and row id, as
     * {@link #append(VizRow, long, long)} does a row: the same bytes, read from the batch's columns.
     */
    public void append(ColumnBatch batch, int r, long time, long rowId) {
        order(time, rowId);
        rows++;
        ensure(10 * words + 9 * width);
        long[][] values = batch.values;
        boolean any = false;
        for (int c = 0; c < width; c++) any |= batch.hasNulls(c);
        if (any) {
            for (int k = 0; k < words; k++) {
                long word = 0;
                for (int c = k << 6, end = Math.min(width, c + 64); c < end; c++) {
                    if (batch.isNull(c, r)) word |= 1L << c;
                }
                writeVar(word);
            }
        } else {
            for (int k = 0; k < words; k++) buf[pos++] = 0;
        }
        for (int c = 0; c < width; c++) {
            if (any && batch.isNull(c, r)) continue;
            switch (kinds[c]) {
                case 0: { // LONG
                    long v = values[c][r];
                    long d = v - previous[c];
                    previous[c] = v;
                    writeVar((d << 1) ^ (d >> 63));
                    break;
                }
                case 1: // DOUBLE
                    writeReal(c, values[c][r]);
                    break;
                case 2: // STRING
                    writeString(batch.strings[c][r]);
                    ensure(9 * (width - c));
                    break;
                default: // BOOLEAN
                    buf[pos++] = (byte) values[c][r];
            }
        }
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
        rows++;
        ensure(10 * words + 9 * width);
        long[] nulls = row.nulls;
        for (int k = 0; k < words; k++) writeVar(nulls[k]);
        long[] prims = row.prims;
        for (int c = 0; c < width; c++) {
            if ((nulls[c >>> 6] & (1L << c)) != 0) continue;
            switch (kinds[c]) {
                case 0: { // LONG: the difference to the column's previous value
                    long d = prims[c] - previous[c];
                    previous[c] = prims[c];
                    writeVar((d << 1) ^ (d >> 63));
                    break;
                }
                case 1: // DOUBLE
                    writeReal(c, prims[c]);
                    break;
                case 2: // STRING
                    writeString(row.strings[c]);
                    ensure(9 * (width - c));
                    break;
                default: // BOOLEAN
                    buf[pos++] = (byte) prims[c];
            }
        }
    }

    /** The block of the rows appended so far; the writer starts a new one. */
    public RowBlock finish() {
        RowBlock b = ordered ? new RowBlock(rows, Arrays.copyOf(buf, pos), minKey, maxKey, inOrder)
                : new RowBlock(rows, Arrays.copyOf(buf, pos), RowBlock.UNKNOWN_MIN, RowBlock.UNKNOWN_MAX, false);
        // thousands of writers (one per symbol) must not each keep a buffer between blocks; the next
        // block starts with one as large as this one was, so it rarely grows (growing a buffer from a
        // small one was a quarter of all allocation of a post-trade day)
        lastSize = Math.max(64, pos);
        buf = NONE;
        pos = 0;
        rows = 0;
        Arrays.fill(previous, 0);
        Arrays.fill(raw, false);
        Arrays.fill(strings, 0, written, null);
        written = 0;
        if (many != null) many.clear();
        return b;
    }

    /** A real of column {@code c}, given as its bits: as a decimal where it is one (see the class comment). */
    private void writeReal(int c, long bits) {
        if (!raw[c]) {
            double scaled = Double.longBitsToDouble(bits) * DECIMALS;
            if (Math.abs(scaled) < MAX_DECIMALS) { // false for NaN and the infinities
                long k = (long) Math.rint(scaled);
                long ulps = bits - Double.doubleToRawLongBits(k * TEN_THOUSANDTH);
                if (ulps >= -1 && ulps <= 1) {
                    long d = k - previous[c];
                    previous[c] = k;
                    writeVar((((d << 1) ^ (d >> 63)) << 2) | (ulps & 3));
                    return;
                }
            }
            raw[c] = true;
            writeVar(RAW);
        }
        LONGS.set(buf, pos, bits);
        pos += 8;
    }

    private void writeString(String s) {
        if (written <= SCAN) {
            for (int i = 0; i < written; i++) {
                if (strings[i] == s || strings[i].equals(s)) {
                    writeVar(i + 1);
                    return;
                }
            }
        } else {
            Integer known = many.get(s);
            if (known != null) {
                writeVar(known);
                return;
            }
        }
        if (written == strings.length) strings = Arrays.copyOf(strings, written * 2);
        strings[written++] = s;
        if (written > SCAN) {
            if (many == null) many = new HashMap<>();
            if (written == SCAN + 1) {
                for (int i = 0; i < SCAN; i++) many.put(strings[i], i + 1);
            }
            many.put(s, written);
        }
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        writeVar(0);
        writeVar(utf8.length);
        ensure(utf8.length);
        System.arraycopy(utf8, 0, buf, pos, utf8.length);
        pos += utf8.length;
    }

    private void ensure(int more) {
        if (pos + more > buf.length) {
            int size = buf.length == 0 ? lastSize + (lastSize >>> 3) : buf.length * 2;
            buf = Arrays.copyOf(buf, Math.max(pos + more, size));
        }
    }

    private void writeVar(long z) {
        while ((z & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
    }
}
