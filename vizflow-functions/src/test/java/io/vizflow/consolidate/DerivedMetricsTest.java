package io.vizflow.consolidate;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DerivedMetricsTest {
    private static final List<String> METRICS = List.of("n", "sum_x", "sumsq_x", "sum_notional", "sum_qty");

    @Test
    void shouldComputeAMeanAStandardDeviationAndAVwap() {
        DerivedMetrics d = compile(Map.of(
                "mean_x", "sum_x / n",
                "sd_x", "SQRT((sumsq_x - sum_x * sum_x / n) / (n - 1))",
                "vwap", "sum_notional / sum_qty"));
        // x = 1, 2, 3, 6: n 4, sum 12, sum of squares 50; sample variance (50 - 36) / 3
        Map<String, Double> v = d.evaluate(values(4, 12, 50, 1010.0, 100));
        assertEquals(3.0, v.get("mean_x"));
        assertEquals(Math.sqrt(14.0 / 3), v.get("sd_x"), 1e-15);
        assertEquals(10.1, v.get("vwap"), 1e-15);
    }

    @Test
    void divisionByZeroIsNullNotAnError() {
        DerivedMetrics d = compile(Map.of("mean_x", "sum_x / n", "sd_x", "SQRT((sumsq_x - sum_x * sum_x / n) / (n - 1))"));
        Map<String, Double> v = d.evaluate(values(0, 0, 0, 0, 0));
        assertNull(v.get("mean_x"));
        assertNull(v.get("sd_x"));
        Map<String, Double> one = d.evaluate(values(1, 5, 25, 0, 0));
        assertEquals(5.0, one.get("mean_x"));
        assertNull(one.get("sd_x"), "n - 1 = 0");
    }

    @Test
    void nullInputsGiveNullExceptWhereSqlSkipsThem() {
        DerivedMetrics d = compile(Map.of("a", "sum_x + 1", "b", "COALESCE(sum_x, n, 7)", "c", "GREATEST(sum_x, n)"));
        Map<String, Double> in = new HashMap<>();
        in.put("n", 3.0);
        in.put("sum_x", null);
        Map<String, Double> v = d.evaluate(in);
        assertNull(v.get("a"));
        assertEquals(3.0, v.get("b"));
        assertEquals(3.0, v.get("c"));
    }

    @Test
    void derivedMetricsMayReadEachOtherInAnyOrder() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("var_x", "sumsq_x / n - mean_x * mean_x");
        m.put("mean_x", "sum_x / n");
        DerivedMetrics d = compile(m);
        assertEquals(List.of("mean_x", "var_x"), List.copyOf(d.expressions().keySet()));
        assertEquals(Set.of("sumsq_x", "n", "sum_x"), d.metricsNeeded(List.of("var_x")));
        assertEquals(50.0 / 4 - 9, d.evaluate(values(4, 12, 50, 0, 0)).get("var_x"), 1e-15);
    }

    @Test
    void shouldRefuseCyclesUnknownNamesFunctionsAndBadSyntax() {
        assertTrue(fails(Map.of("a", "b + 1", "b", "a * 2")).contains("refers to itself"));
        assertTrue(fails(Map.of("a", "sum_y / n")).startsWith("derived.a: unknown name 'sum_y'"));
        assertTrue(fails(Map.of("a", "SUM(sum_x)")).contains("unknown function SUM"));
        assertTrue(fails(Map.of("a", "sum_x / ")).startsWith("derived.a: 'sum_x / ': "));
        assertTrue(fails(Map.of("a", "sum_x; DROP TABLE t")).startsWith("derived.a: "));
        assertTrue(fails(Map.of("a", "")).contains("empty"));
        assertTrue(fails(Map.of("bad name", "n")).contains("not a column name"));
        assertTrue(fails(Map.of("alpha1_bin", "n")).contains("group_by"));
    }

    private static String fails(Map<String, String> derived) {
        return assertThrows(IllegalArgumentException.class, () -> compile(derived)).getMessage();
    }

    private static DerivedMetrics compile(Map<String, String> derived) {
        return DerivedMetrics.compile(derived, METRICS, List.of("alpha1_bin"));
    }

    private static Map<String, Double> values(double n, double sumX, double sumsqX, double notional, double qty) {
        return Map.of("n", n, "sum_x", sumX, "sumsq_x", sumsqX, "sum_notional", notional, "sum_qty", qty);
    }
}
