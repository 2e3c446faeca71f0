package io.vizflow.pipeline;

import io.vizflow.row.BlockWriter;
import io.vizflow.row.RowSchema;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * The symbols seen so far, numbered 0, 1, 2, ... in the order they came, each with its block
 * writer: found once per row, int64 symbols in an open addressing table of primitive keys (no
 * boxing, one probe in the usual case), others in a {@link HashMap}.
 */
final class SymbolWriters {
    private final RowSchema schema;
    private long[] keys = new long[1024];
    private int[] slots = new int[1024]; // a key's number + 1; 0: a free slot
    private BlockWriter[] writers = new BlockWriter[64];
    private int size;
    private final Map<Object, Integer> others = new HashMap<>();

    SymbolWriters(RowSchema schema) {
        this.schema = schema;
    }

    /** The number of symbols seen so far. */
    int size() {
        return size;
    }

    /** The writer of symbol number {@code id}. */
    BlockWriter writer(int id) {
        return writers[id];
    }

    /** The number of int64 symbol {@code key}, given on first sight. */
    int idOf(long key) {
        int mask = keys.length - 1;
        int i = (int) mix(key) & mask;
        while (true) {
            int slot = slots[i];
            if (slot == 0) break;
            if (keys[i] == key) return slot - 1;
            i = (i + 1) & mask;
        }
        int id = add();
        keys[i] = key;
        slots[i] = id + 1;
        if (size * 2 > keys.length) grow();
        return id;
    }

    /** The number of any other symbol, given on first sight. */
    int idOf(Object key) {
        Integer id = others.get(key);
        if (id == null) {
            id = add();
            others.put(key, id);
        }
        return id;
    }

    /** A new symbol's number, with its writer. */
    private int add() {
        if (size == writers.length) writers = Arrays.copyOf(writers, size * 2);
        writers[size] = new BlockWriter(schema);
        return size++;
    }

    private void grow() {
        long[] oldKeys = keys;
        int[] oldSlots = slots;
        keys = new long[oldKeys.length * 2];
        slots = new int[oldKeys.length * 2];
        int mask = keys.length - 1;
        for (int j = 0; j < oldKeys.length; j++) {
            if (oldSlots[j] == 0) continue;
            int i = (int) mix(oldKeys[j]) & mask;
            while (slots[i] != 0) i = (i + 1) & mask;
            keys[i] = oldKeys[j];
            slots[i] = oldSlots[j];
        }
    }

    private static long mix(long k) {
        k *= 0x9E3779B97F4A7C15L;
        return k ^ (k >>> 29);
    }
}
