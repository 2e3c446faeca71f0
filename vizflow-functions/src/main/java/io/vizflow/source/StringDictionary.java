package io.vizflow.source;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The values of one string dictionary, kept on the heap as UTF-8 bytes and offsets (no Arrow
 * memory held). Each entry is decoded into a String once, on first use, and shared by every row
 * that refers to it. Dictionary deltas append.
 */
final class StringDictionary {
    private byte[] bytes = new byte[0];
    private int byteCount;
    private int[] offsets = new int[] {0};
    private boolean[] nulls = new boolean[0];
    private String[] decoded = new String[0];
    private int size;

    int size() {
        return size;
    }

    /** The value at an index (0 &lt;= index &lt; size()), or null for a null entry. */
    String get(int index) {
        String s = decoded[index];
        if (s == null && !nulls[index]) {
            int start = offsets[index];
            s = new String(bytes, start, offsets[index + 1] - start, StandardCharsets.UTF_8);
            decoded[index] = s;
        }
        return s;
    }

    void clear() {
        byteCount = 0;
        size = 0;
        offsets = new int[] {0};
        nulls = new boolean[0];
        decoded = new String[0];
    }

    /** Appends one value (null for a null entry). */
    void add(byte[] b, int off, int len) {
        if (size + 1 >= offsets.length) {
            int cap = Math.max(16, offsets.length * 2);
            offsets = Arrays.copyOf(offsets, cap + 1);
            nulls = Arrays.copyOf(nulls, cap);
            decoded = Arrays.copyOf(decoded, cap);
        }
        if (b == null) {
            nulls[size] = true;
        } else {
            if (byteCount + len > bytes.length) {
                long cap = Math.max(byteCount + (long) len, bytes.length * 2L);
                if (cap > Integer.MAX_VALUE - 16) {
                    throw new IllegalStateException("string dictionary larger than 2 GB");
                }
                bytes = Arrays.copyOf(bytes, (int) Math.max(cap, 1024));
            }
            System.arraycopy(b, off, bytes, byteCount, len);
            byteCount += len;
        }
        size++;
        offsets[size] = byteCount;
    }
}
