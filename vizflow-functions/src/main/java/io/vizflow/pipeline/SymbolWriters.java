package io.vizflow.pipeline;

import io.vizflow.row.BlockWriter;
import io.vizflow.row.RowSchema;

import java.util.HashMap;
import java.util.Map;

/**
 * The block writer of each symbol seen so far, found once per row: int64 symbols in an open
 * addressing table of primitive keys (no boxing, one probe in the usual case), others in a
 * {@link HashMap}.
 */
final class SymbolWriters {
    private final RowSchema schema;
    private long[] keys = new long[1024];
    private BlockWriter[] values = new BlockWriter[1024];
    private int size;
    private final Map<Object, BlockWriter> others = new HashMap<>();

    SymbolWriters(RowSchema schema) {
        this.schema = schema;
    }

    /** The writer of int64 symbol {@code key}, made on first sight. */
    BlockWriter of(long key) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (true) {
            BlockWriter w = values[i];
            if (w == null) break;
            if (keys[i] == key) return w;
            i = (i + 1) & mask;
        }
        BlockWriter w = new BlockWriter(schema);
        keys[i] = key;
        values[i] = w;
        if (++size * 2 > keys.length) grow();
        return w;
    }

    /** The writer of any other symbol, made on first sight. */
    BlockWriter of(Object key) {
        return others.computeIfAbsent(key, k -> new BlockWriter(schema));
    }

    private void grow() {
        long[] oldKeys = keys;
        BlockWriter[] oldValues = values;
        keys = new long[oldKeys.length * 2];
        values = new BlockWriter[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldValues[j] == null) continue;
            int i = (int) mix(oldKeys[j]) & mask;
            while (values[i] != null) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            values[i] = oldValues[j];
        }
    }

    private static long mix(long k) {
        k *= 0x9E3779B97F4A7C15L;
        return k ^ (k >>> 29);
    }
}
