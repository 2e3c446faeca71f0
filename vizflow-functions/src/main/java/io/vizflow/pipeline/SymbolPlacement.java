package io.vizflow.pipeline;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which keyed subtask does each symbol's day. Flink places a key by its hash, which on a market's
 * day is lopsided: a few symbols carry much of the rows (the busiest ~5% of a day, the next two
 * nearly as much), so two subtasks by hash got 55% and 45% of a 20M-row day and the stage lasted
 * as long as the larger. Given the rows each symbol is expected to have (a sample of the file,
 * {@link io.vizflow.source.SymbolSample}), the symbols are dealt heaviest first to the subtask with
 * the least so far (LPT scheduling), within a few percent of even.
 *
 * <p>How: the keyed stage's key is {@code (symbol, salt)}; a placed symbol's salt is the smallest
 * that makes Flink's own key-group assignment put the key on its subtask, any other symbol's is
 * 0 (placed by hash). One symbol is still one key: the salt only moves it.
 */
public final class SymbolPlacement implements Serializable {
    private static final long serialVersionUID = 1L;
    /** At most this many symbols are placed on purpose; the rest, each a sliver of the day, by hash. */
    static final int MAX_PLACED = 4096;

    private final HashMap<Object, Integer> salts;
    private final int parallelism;
    private final int maxParallelism;

    private SymbolPlacement(HashMap<Object, Integer> salts, int parallelism, int maxParallelism) {
        this.salts = salts;
        this.parallelism = parallelism;
        this.maxParallelism = maxParallelism;
    }

    /** Every symbol by its hash, as Flink places keys. */
    public static SymbolPlacement byHash() {
        return new SymbolPlacement(new HashMap<>(), -1, -1);
    }

    /**
     * Symbols dealt to {@code parallelism} subtasks by their expected rows, heaviest first.
     *
     * @param rows expected rows per symbol (Long or String, as the symbol column holds them)
     * @param maxParallelism the keyed operator's max parallelism (its number of key groups)
     */
    public static SymbolPlacement balanced(Map<?, Long> rows, int parallelism, int maxParallelism) {
        if (parallelism < 2 || rows.isEmpty()) return byHash();
        KeyGroupRangeAssignment.checkParallelismPreconditions(maxParallelism);
        if (parallelism > maxParallelism) {
            throw new IllegalArgumentException("parallelism " + parallelism + " exceeds max parallelism " + maxParallelism);
        }
        List<Map.Entry<?, Long>> heaviest = new ArrayList<>(rows.entrySet());
        heaviest.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
        long[] load = new long[parallelism];
        HashMap<Object, Integer> salts = new HashMap<>();
        for (Map.Entry<?, Long> e : heaviest.subList(0, Math.min(MAX_PLACED, heaviest.size()))) {
            int least = 0;
            for (int s = 1; s < parallelism; s++) {
                if (load[s] < load[least]) least = s;
            }
            load[least] += e.getValue();
            salts.put(e.getKey(), saltFor(e.getKey(), least, parallelism, maxParallelism));
        }
        return new SymbolPlacement(salts, parallelism, maxParallelism);
    }

    /** The smallest salt that puts {@code (symbol, salt)} on {@code subtask}. */
    private static int saltFor(Object symbol, int subtask, int parallelism, int maxParallelism) {
        for (int salt = 0; ; salt++) {
            if (KeyGroupRangeAssignment.assignKeyToParallelOperator(Tuple2.of(symbol, salt), maxParallelism, parallelism)
                    == subtask) {
                return salt;
            }
        }
    }

    /** The keyed stage's key of a symbol. */
    <K> Tuple2<K, Integer> keyOf(K symbol) {
        return Tuple2.of(symbol, salts.getOrDefault(symbol, 0));
    }

    /** The parallelism the symbols were dealt to, or -1 when placed by hash. */
    int parallelism() {
        return parallelism;
    }

    /** The max parallelism the salts were computed for, or -1 when placed by hash. */
    int maxParallelism() {
        return maxParallelism;
    }

    /** The symbol of a keyed-stage key, for messages. */
    static Object symbolOf(Object key) {
        return key instanceof Tuple2 ? ((Tuple2<?, ?>) key).f0 : key;
    }
}
