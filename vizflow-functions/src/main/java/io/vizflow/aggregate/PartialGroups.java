package io.vizflow.aggregate;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The partial values ({@link PartialMetric}) of each group seen so far, found by the group-by
 * values of a row or of a batch's row: {@link PreAggregate}'s table. Holds at most a given number
 * of groups; past that it hands its partials on as rows and starts again (still exact: partials merge).
 *
 * <p>A group's key is a few longs: a number's value (a real's raw bits, a boolean's 0/1), a
 * string's code in its column's dictionary, and a word of null bits; the table is open addressing
 * over those longs (no key object, no string comparison per row). A batch's keys and their hashes
 * are made column by column, and a row whose key is the row before's (the pieces of one exit row,
 * a run of one bin) takes that row's group without a lookup.
 *
 * <p>Groups are numbered as they come; group {@code g}'s partials are at {@code g * metrics + k}
 * of three flat arrays (values as longs, as reals, and whether any value went in), each started
 * with its operation's identity ({@link PartialMetric#start}), so that a metric over a batch is a
 * loop of adds into those arrays.
 */
final class PartialGroups implements Serializable {
    private static final long serialVersionUID = 2L;

    private final int[] keys;
    private final boolean[] stringKey;
    private final PartialMetric[] metrics;
    private final int maxGroups;
    /** Longs per key: one per group-by column, then the null bits. */
    private final int stride;

    private transient long[] table; // slot s's key at [s * stride, (s + 1) * stride)
    private transient int[] groupAt; // slot s's group, -1 where the slot is free
    private transient int size; // groups
    private transient long[] longs; // group g's partials at [g * metrics, (g + 1) * metrics)
    private transient double[] doubles;
    private transient boolean[] seen;
    private transient StringCodes[] codes; // per group-by column, null for a non-string one
    private transient long[] batchKeys; // a batch's keys, row r's at [r * stride, (r + 1) * stride)
    private transient int[] batchHashes; // a batch's keys' hashes

    PartialGroups(RowSchema input, List<String> groupBy, List<PartialMetric> metrics, int maxGroups) {
        if (groupBy.size() > 64) throw new IllegalArgumentException("group_by: at most 64 columns");
        keys = new int[groupBy.size()];
        stringKey = new boolean[keys.length];
        for (int i = 0; i < keys.length; i++) {
            keys[i] = input.indexOf(groupBy.get(i));
            stringKey[i] = input.type(keys[i]) == ColumnType.STRING;
        }
        this.metrics = metrics.toArray(new PartialMetric[0]);
        this.maxGroups = maxGroups;
        this.stride = keys.length + 1;
        open();
    }

    /** An empty table (an operator's copy, after Flink deserialized it). */
    void open() {
        codes = new StringCodes[keys.length];
        for (int i = 0; i < keys.length; i++) {
            if (stringKey[i]) codes[i] = new StringCodes();
        }
        batchKeys = new long[0];
        batchHashes = new int[0];
        longs = new long[64 * metrics.length];
        doubles = new double[64 * metrics.length];
        seen = new boolean[64 * metrics.length];
        clear(64);
    }

    int size() {
        return size;
    }

    /** Adds a row to its group's partials; a full table is handed to {@code out} first. */
    void add(VizRow row, Consumer<VizRow> out) {
        keyOf(row, batchKeys.length >= stride ? batchKeys : (batchKeys = new long[stride]));
        int slot = find(batchKeys, 0, hash(batchKeys, 0));
        if (groupAt[slot] < 0 && size >= maxGroups) {
            flush(out); // the strings' codes start again: the key is made anew
            keyOf(row, batchKeys);
            slot = find(batchKeys, 0, hash(batchKeys, 0));
        }
        int at = groupOf(slot, batchKeys, 0) * metrics.length;
        for (int k = 0; k < metrics.length; k++) {
            metrics[k].add(row, at + k, longs, doubles, seen);
        }
    }

    /**
     * Adds a batch's rows to their groups' partials, metric by metric in row order (so sums add
     * in the same order as row by row); a table that the batch could fill is handed to
     * {@code out} first (a batch of more groups than the table holds is taken whole).
     */
    void add(ColumnBatch batch, int[] scratch, Consumer<VizRow> out) {
        int n = batch.size();
        if (size + n > maxGroups) flush(out);
        keysOf(batch);
        long[] k = batchKeys;
        int[] h = batchHashes;
        int m = metrics.length;
        for (int r = 0, at = 0; r < n; r++, at += stride) {
            if (r > 0 && h[r] == h[r - 1] && sameKey(k, at - stride, at)) {
                scratch[r] = scratch[r - 1];
            } else {
                scratch[r] = groupOf(find(k, at, h[r]), k, at) * m;
            }
        }
        for (int i = 0; i < m; i++) {
            metrics[i].addAll(batch, scratch, i, longs, doubles, seen); // the arrays as grown by the groups above
        }
    }

    /**
     * The group-by values of each row of {@code batch} into {@link #batchKeys}, column by column,
     * and their hashes ({@link #hash}) into {@link #batchHashes}.
     */
    private void keysOf(ColumnBatch batch) {
        int n = batch.size();
        if (batchKeys.length < n * stride) {
            batchKeys = new long[n * stride];
            batchHashes = new int[n];
        }
        long[] k = batchKeys;
        int nullsAt = stride - 1;
        for (int r = 0, at = nullsAt; r < n; r++, at += stride) k[at] = 0;
        for (int i = 0; i < keys.length; i++) {
            int c = keys[i];
            if (stringKey[i]) {
                String[] values = batch.strings(c);
                StringCodes dictionary = codes[i];
                for (int r = 0, at = i; r < n; r++, at += stride) {
                    String v = values[r];
                    if (v == null) { // a null string is a null
                        k[at] = 0;
                        k[at - i + nullsAt] |= 1L << i;
                    } else {
                        k[at] = dictionary.code(v);
                    }
                }
            } else {
                long[] values = batch.longs(c);
                for (int r = 0, at = i; r < n; r++, at += stride) k[at] = values[r];
                if (batch.hasNulls(c)) {
                    for (int r = 0, at = i; r < n; r++, at += stride) {
                        if (batch.isNull(c, r)) {
                            k[at] = 0;
                            k[at - i + nullsAt] |= 1L << i;
                        }
                    }
                }
            }
        }
        for (int r = 0, at = 0; r < n; r++, at += stride) batchHashes[r] = hash(k, at);
    }

    /** The group-by values of {@code row} into the first {@link #stride} longs of {@code into}. */
    private void keyOf(VizRow row, long[] into) {
        long nulls = 0;
        for (int i = 0; i < keys.length; i++) {
            int c = keys[i];
            if (row.isNull(c)) {
                into[i] = 0;
                nulls |= 1L << i;
            } else if (stringKey[i]) {
                into[i] = codes[i].code(row.getString(c));
            } else {
                into[i] = row.getLong(c); // raw bits of a real, 0/1 of a boolean
            }
        }
        into[stride - 1] = nulls;
    }

    private boolean sameKey(long[] k, int a, int b) {
        for (int i = 0; i < stride; i++) {
            if (k[a + i] != k[b + i]) return false;
        }
        return true;
    }

    /** The slot of the key at {@code k[at]}, of hash {@code h}: its group's, or the free one where it would go. */
    private int find(long[] k, int at, int h) {
        int mask = groupAt.length - 1;
        int slot = h & mask;
        while (true) {
            if (groupAt[slot] < 0) return slot;
            int t = slot * stride;
            int i = 0;
            while (i < stride && table[t + i] == k[at + i]) i++;
            if (i == stride) return slot;
            slot = (slot + 1) & mask;
        }
    }

    /** The group in {@code slot}, made for the key at {@code k[at]} if the slot is free (its partials started). */
    private int groupOf(int slot, long[] k, int at) {
        int g = groupAt[slot];
        if (g >= 0) return g;
        g = size++;
        groupAt[slot] = g;
        System.arraycopy(k, at, table, slot * stride, stride);
        int m = metrics.length;
        if ((g + 1) * m > longs.length) {
            longs = Arrays.copyOf(longs, longs.length * 2);
            doubles = Arrays.copyOf(doubles, doubles.length * 2);
            seen = Arrays.copyOf(seen, seen.length * 2);
        }
        for (int i = 0; i < m; i++) metrics[i].start(g * m + i, longs, doubles, seen);
        if (size * 2 > groupAt.length) grow();
        return g;
    }

    /**
     * MurmurHash3's finalizer over a multiplicative mix of the key's longs: keys of small
     * neighbouring integers (bins) spread over the low bits the table uses.
     */
    private int hash(long[] k, int at) {
        long h = 1;
        for (int i = 0; i < stride; i++) h = (h + k[at + i]) * 0x9E3779B97F4A7C15L;
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    private void grow() {
        long[] oldTable = table;
        int[] oldGroups = groupAt;
        table = new long[oldGroups.length * 2 * stride];
        groupAt = new int[oldGroups.length * 2];
        Arrays.fill(groupAt, -1);
        for (int s = 0; s < oldGroups.length; s++) {
            if (oldGroups[s] < 0) continue;
            int slot = find(oldTable, s * stride, hash(oldTable, s * stride));
            groupAt[slot] = oldGroups[s];
            System.arraycopy(oldTable, s * stride, table, slot * stride, stride);
        }
    }

    /** No group: a table of {@code slots} free slots (the partials' arrays are kept, each group starts its own). */
    private void clear(int slots) {
        table = new long[slots * stride];
        groupAt = new int[slots];
        Arrays.fill(groupAt, -1);
        size = 0;
        for (StringCodes d : codes) {
            if (d != null) d.clear();
        }
    }

    /** Hands every group's partial row to {@code out} (group-by values, then the partials) and forgets them. */
    void flush(Consumer<VizRow> out) {
        int width = keys.length + metrics.length;
        for (int s = 0; s < groupAt.length; s++) {
            int g = groupAt[s];
            if (g < 0) continue;
            int at = g * metrics.length;
            VizRow row = new VizRow(width);
            int t = s * stride;
            long nulls = table[t + stride - 1];
            for (int i = 0; i < keys.length; i++) {
                if ((nulls & (1L << i)) != 0) {
                    row.setNull(i);
                } else if (stringKey[i]) {
                    row.setString(i, codes[i].string(table[t + i]));
                } else {
                    row.setLong(i, table[t + i]); // raw bits: the same for every type
                }
            }
            for (int k = 0; k < metrics.length; k++) {
                int c = keys.length + k;
                if (!seen[at + k] && metrics[k].op != PartialMetric.Op.COUNT) {
                    row.setNull(c);
                } else if (metrics[k].type == ColumnType.DOUBLE) {
                    row.setDouble(c, doubles[at + k]);
                } else {
                    row.setLong(c, longs[at + k]);
                }
            }
            out.accept(row);
        }
        clear(64);
    }

    /**
     * A string column's values as codes 0, 1, 2, ...: the same string objects come again and
     * again (a block's or a file's dictionary), so the codes of the last two are kept at hand (a
     * side column's two values, in any order).
     */
    private static final class StringCodes {
        private final Map<String, Integer> codes = new HashMap<>();
        private final List<String> strings = new ArrayList<>();
        private String last;
        private long lastCode;
        private String before;
        private long beforeCode;

        long code(String s) {
            if (s == last) return lastCode;
            long c;
            if (s == before) {
                c = beforeCode;
            } else {
                Integer known = codes.get(s);
                if (known == null) {
                    known = strings.size();
                    codes.put(s, known);
                    strings.add(s);
                }
                c = known;
            }
            before = last;
            beforeCode = lastCode;
            last = s;
            lastCode = c;
            return c;
        }

        String string(long code) {
            return strings.get((int) code);
        }

        void clear() {
            codes.clear();
            strings.clear();
            last = null;
            before = null;
        }
    }
}
