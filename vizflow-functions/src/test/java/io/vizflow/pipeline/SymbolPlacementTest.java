package io.vizflow.pipeline;

import org.apache.flink.api.java.tuple.Tuple2;
import org.apache.flink.runtime.state.KeyGroupRangeAssignment;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The keyed stage's symbols shared out by their rows: even loads, one key per symbol. */
class SymbolPlacementTest {
    private static final int MAX_PARALLELISM = 128;

    /** A market's day: 3000 symbols, rows falling off as 1/rank (the busiest ~12% of the day). */
    private static Map<Object, Long> skewedDay() {
        Map<Object, Long> rows = new HashMap<>();
        for (int rank = 1; rank <= 3000; rank++) {
            rows.put(600_000L + rank * 7L, 2_400_000L / rank);
        }
        return rows;
    }

    private static long[] loads(SymbolPlacement placement, Map<Object, Long> rows, int parallelism) {
        long[] load = new long[parallelism];
        rows.forEach((symbol, n) -> load[KeyGroupRangeAssignment.assignKeyToParallelOperator(
                placement.keyOf(symbol), MAX_PARALLELISM, parallelism)] += n);
        return load;
    }

    private static double imbalance(long[] load) {
        long max = 0;
        long sum = 0;
        for (long l : load) {
            max = Math.max(max, l);
            sum += l;
        }
        return max / ((double) sum / load.length) - 1;
    }

    @ParameterizedTest(name = "parallelism {0}")
    @ValueSource(ints = {2, 3, 4, 8})
    void subtasksGetEvenSharesOfTheRowsWhereHashingDoesNot(int parallelism) {
        Map<Object, Long> rows = skewedDay();
        SymbolPlacement balanced = SymbolPlacement.balanced(rows, parallelism, MAX_PARALLELISM);
        double even = imbalance(loads(balanced, rows, parallelism));
        double hashed = imbalance(loads(SymbolPlacement.byHash(), rows, parallelism));
        assertTrue(even < 0.01, "largest share over the mean: " + even);
        assertTrue(hashed > 3 * even, "by hash: " + hashed + ", balanced: " + even);
    }

    @Test
    void eachSymbolIsOneKeyAndSymbolsOutsideTheSampleKeepTheirHashPlacement() {
        Map<Object, Long> rows = skewedDay();
        SymbolPlacement placement = SymbolPlacement.balanced(rows, 2, MAX_PARALLELISM);
        Set<Tuple2<Object, Integer>> keys = new HashSet<>();
        for (Object s : rows.keySet()) {
            Tuple2<Object, Integer> key = placement.keyOf(s);
            assertEquals(s, key.f0);
            assertEquals(key, placement.keyOf(s), "the same key every time");
            keys.add(key);
        }
        assertEquals(rows.size(), keys.size());
        assertEquals(Tuple2.of(42L, 0), placement.keyOf(42L));
        assertEquals(Tuple2.of("600000.SH", 0), placement.keyOf("600000.SH"));
        assertEquals(42L, SymbolPlacement.symbolOf(placement.keyOf(42L)));
    }

    @Test
    void oneSubtaskOrNoSampleMeansByHash() {
        assertEquals(-1, SymbolPlacement.balanced(skewedDay(), 1, MAX_PARALLELISM).parallelism());
        assertEquals(-1, SymbolPlacement.balanced(Map.of(), 4, MAX_PARALLELISM).parallelism());
    }
}
