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
 * times and the symbol of a block then take a byte or two), reals as their 8 bytes, booleans as a
 * byte, strings as an index into the block's own dictionary (a new string: 0, then its UTF-8
 * length and bytes). {@link BlockReader} reads it back.
 */
public final class BlockWriter {
    static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int SCAN = 16; // a block's strings are mostly few (sides, flags): a scan beats hashing
    private static final byte[] NONE = new byte[0];

    private final byte[] kinds;
    private final int width;
    private final int words;
    private final long[] previous;
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
                    LONGS.set(buf, pos, values[c][r]);
                    pos += 8;
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
                    LONGS.set(buf, pos, prims[c]);
                    pos += 8;
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
        Arrays.fill(strings, 0, written, null);
        written = 0;
        if (many != null) many.clear();
        return b;
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
