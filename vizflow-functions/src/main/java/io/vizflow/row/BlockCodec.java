package io.vizflow.row;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The bytes of a {@link RowBlock}, built in a plain array and handed to Flink in one piece:
 * Flink's paged views cost a virtual call per byte written. Row after row: the null bits (a varint
 * per 64 columns), then the non-null values: integers as zig-zag varints of their difference to
 * the same column in the row before (row ids, times and the symbol of a block then take a byte or
 * two), reals as 8 bytes, booleans as a byte, strings as an index into the block's own dictionary
 * (a new string: 0, then its UTF-8 bytes).
 *
 * <p>Not thread-safe: each serializer instance owns one.
 */
final class BlockCodec {
    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final byte[] kinds;
    private final int width;
    private final int words;
    private final long[] previous;
    private String[] strings = new String[16]; // the block's dictionary
    private int written;
    private static final int SCAN = 16;
    private final Map<String, Integer> many = new HashMap<>(); // past SCAN strings
    byte[] buf = new byte[1 << 16];
    int pos;

    BlockCodec(byte[] kinds) {
        this.kinds = kinds;
        this.width = kinds.length;
        this.words = (width + 63) >>> 6;
        this.previous = new long[width];
    }

    /** Encodes the block into {@link #buf}; returns its length. */
    int encode(RowBlock block) {
        int n = block.size();
        pos = 0;
        writeVar(n);
        Arrays.fill(previous, 0);
        for (int r = 0; r < n; r++) {
            VizRow row = block.row(r);
            for (int k = 0; k < words; k++) {
                writeVar(row.nulls[k]);
            }
            long[] prims = row.prims;
            ensure(9 * width);
            for (int c = 0; c < width; c++) {
                if ((row.nulls[c >>> 6] & (1L << c)) != 0) continue;
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
                        break;
                    default: // BOOLEAN
                        buf[pos++] = (byte) prims[c];
                }
            }
        }
        Arrays.fill(strings, 0, written, null);
        written = 0;
        many.clear();
        return pos;
    }

    private void writeString(String s) {
        if (written <= SCAN) { // a block's strings are mostly few (sides, flags): a scan beats hashing
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

    /** Decodes {@code buf[0..length)} into a block of new rows. */
    RowBlock decode(int length) {
        pos = 0;
        int n = (int) readVar();
        Arrays.fill(previous, 0);
        int known = 0;
        VizRow[] rows = new VizRow[n];
        for (int r = 0; r < n; r++) {
            VizRow row = VizRow.withHeadroom(width);
            rows[r] = row;
            for (int k = 0; k < words; k++) {
                row.nulls[k] = readVar();
            }
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
                        prims[c] = (long) LONGS.get(buf, pos);
                        pos += 8;
                        break;
                    case 2: {
                        int index = (int) readVar();
                        if (index == 0) {
                            int len = (int) readVar();
                            String s = new String(buf, pos, len, StandardCharsets.UTF_8);
                            pos += len;
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
        if (pos != length) {
            throw new IllegalStateException("malformed RowBlock: " + pos + " of " + length + " bytes read");
        }
        return new RowBlock(rows, n);
    }

    /** Makes {@link #buf} hold at least {@code length} bytes (for reading into it). */
    void reserve(int length) {
        if (buf.length < length) buf = new byte[Math.max(length, buf.length * 2)];
    }

    private void ensure(int more) {
        if (pos + more > buf.length) buf = Arrays.copyOf(buf, Math.max(pos + more, buf.length * 2));
    }

    private void writeVar(long z) {
        ensure(10);
        while ((z & ~0x7FL) != 0) {
            buf[pos++] = (byte) ((z & 0x7F) | 0x80);
            z >>>= 7;
        }
        buf[pos++] = (byte) z;
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
