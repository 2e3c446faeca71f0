package io.vizflow.source;

import java.io.Serializable;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * Dense int ids of a day's symbols: int64 symbols that all fit an int keep their value, others
 * get their rank among the day's symbols.
 */
public final class SymbolIds implements Serializable {
    private static final long serialVersionUID = 1L;

    private final long[] sortedLongs;      // null when int64 symbols are their own ids
    private final Map<String, Integer> strings;
    private final int count;

    private SymbolIds(long[] sortedLongs, Map<String, Integer> strings, int count) {
        this.sortedLongs = sortedLongs;
        this.strings = strings;
        this.count = count;
    }

    static SymbolIds ofLongs(Collection<Long> symbols) {
        boolean fit = symbols.stream().allMatch(v -> v == (int) (long) v);
        long[] sorted = symbols.stream().mapToLong(Long::longValue).sorted().toArray();
        return new SymbolIds(fit ? null : sorted, null, sorted.length);
    }

    static SymbolIds ofStrings(Collection<String> symbols) {
        Map<String, Integer> m = new HashMap<>();
        for (String s : symbols) m.put(s, m.size());
        return new SymbolIds(null, m, m.size());
    }

    /** The number of distinct symbols. */
    public int count() {
        return count;
    }

    public int of(long symbol) {
        if (sortedLongs == null) {
            if (symbol != (int) symbol) throw unknown(symbol);
            return (int) symbol;
        }
        int i = Arrays.binarySearch(sortedLongs, symbol);
        if (i < 0) throw unknown(symbol);
        return i;
    }

    public int of(String symbol) {
        Integer i = strings == null ? null : strings.get(symbol);
        if (i == null) throw unknown(symbol);
        return i;
    }

    private static IllegalStateException unknown(Object symbol) {
        return new IllegalStateException("symbol " + symbol + " was not seen when the file was scanned");
    }
}
