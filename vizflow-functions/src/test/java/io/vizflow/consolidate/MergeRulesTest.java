package io.vizflow.consolidate;

import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MergeRulesTest {

    @ParameterizedTest(name = "{0} merges by {1}")
    @CsvSource(delimiter = ';', value = {
            "COUNT(*); SUM",
            "count(return_60); SUM",
            "SUM(matched_qty); SUM",
            "SUM(matched_qty * price); SUM",
            "SUM(return_60 * return_60); SUM",
            "SUM(CASE WHEN is_large THEN 1 ELSE 0 END); SUM",
            "  sum ( CAST(qty AS DOUBLE) )  ; SUM",
            "COUNT(*) FILTER (WHERE is_large); SUM",
            "SUM(qty) FILTER (WHERE side = 'B' AND qty BETWEEN 1 AND 100); SUM",
            "MIN(price); MIN",
            "MAX(trade_count); MAX",
            "MAX(DISTINCT trade_count); MAX",
            "SUM(CASE WHEN side IN ('B', 'S') AND price IS NOT NULL THEN qty END); SUM",
            "(SUM(qty)); SUM"})
    void shouldReadTheMergeRuleFromTheAggregateFunction(String expression, MergeRule rule) {
        if (expression.trim().startsWith("(")) {
            // a parenthesised aggregate is an expression, not a call: refused with a rewrite
            assertThrows(IllegalArgumentException.class, () -> MergeRules.of("m", expression));
            return;
        }
        assertEquals(rule, MergeRules.of("m", expression));
    }

    @Test
    void shouldRefuseAvgAndSayHowToWriteIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MergeRules.of("mean_ret", "AVG(return_60)"));
        assertEquals("metrics.mean_ret: AVG cannot be merged across dates exactly; write sum_return_60: "
                + "SUM(return_60) and n_return_60: COUNT(return_60), and derive mean_ret: sum_return_60 / n_return_60",
                e.getMessage());
    }

    @Test
    void shouldRefuseStddevAndGiveTheDerivedFormula() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> MergeRules.of("sd_ret", "STDDEV_SAMP(return_60)")).getMessage();
        assertTrue(msg.startsWith("metrics.sd_ret: STDDEV_SAMP cannot be merged across dates exactly"), msg);
        assertTrue(msg.contains("sumsq_return_60: SUM(return_60 * return_60)"), msg);
        assertTrue(msg.contains("derive sd_ret: SQRT((sumsq_return_60 - sum_return_60 * sum_return_60 / n_return_60)"
                + " / (n_return_60 - 1))"), msg);
        String pop = assertThrows(IllegalArgumentException.class,
                () -> MergeRules.of("v", "VAR_POP(x)")).getMessage();
        assertTrue(pop.endsWith("derive v: (sumsq_x - sum_x * sum_x / n_x) / n_x"), pop);
    }

    @Test
    void shouldRefuseARatioOfAggregatesAndRewriteIt() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> MergeRules.of("vwap", "SUM(matched_qty * price) / SUM(matched_qty)")).getMessage();
        assertEquals("metrics.vwap: a ratio of aggregates cannot be merged across dates exactly; write "
                + "sum_matched_qty_price: SUM(matched_qty * price) and sum_matched_qty: SUM(matched_qty) as metrics, "
                + "and derive vwap: sum_matched_qty_price / sum_matched_qty", msg);
    }

    @Test
    void shouldRefuseOtherExpressionsOfAggregates() {
        String msg = assertThrows(IllegalArgumentException.class,
                () -> MergeRules.of("m", "COALESCE(SUM(x), 0) + COUNT(*)")).getMessage();
        assertTrue(msg.startsWith("metrics.m: an expression of aggregates cannot be merged"), msg);
        assertTrue(msg.endsWith("derive m: COALESCE(sum_x, 0) + count"), msg);
        String avgs = assertThrows(IllegalArgumentException.class,
                () -> MergeRules.of("m", "AVG(x) / AVG(y)")).getMessage();
        assertTrue(avgs.contains("write each aggregate as its own COUNT, SUM, MIN or MAX metric"), avgs);
    }

    @ParameterizedTest
    @CsvSource(delimiter = ';', value = {
            "COUNT(DISTINCT ukey); counted twice",
            "APPROX_COUNT_DISTINCT(ukey); counted twice",
            "FIRST_VALUE(price); FIRST_VALUE cannot be merged",
            "LISTAGG(side); LISTAGG cannot be merged",
            "price * qty; is not an aggregate",
            "ABS(price); ABS is not an aggregate"})
    void shouldRefuseWhatCannotMerge(String expression, String says) {
        String msg = assertThrows(IllegalArgumentException.class, () -> MergeRules.of("m", expression)).getMessage();
        assertTrue(msg.startsWith("metrics.m: ") && msg.contains(says), msg);
    }

    @Test
    void configLoadLeavesUnreadableExpressionsToFlink() {
        assertDoesNotThrow(() -> MergeRules.check(Map.of("count", "COUNT(*) +* 2")));
        assertThrows(IllegalArgumentException.class, () -> MergeRules.of("count", "COUNT(*) +* 2"));
    }

    @Test
    void configLoadRefusesAvgNamingTheFileAndKey() {
        BadInputException e = assertThrows(BadInputException.class, () -> VizFlowConfig.parse(config(
                "metrics:\n  count: COUNT(*)\n  mean_ret: AVG(return_60)\n"), "alpha.yaml"));
        assertTrue(e.getMessage().startsWith("alpha.yaml: metrics.mean_ret: AVG cannot be merged across dates exactly;"
                + " write sum_return_60: SUM(return_60) and n_return_60: COUNT(return_60)"), e.getMessage());
    }

    @Test
    void configLoadChecksDerivedExpressions() {
        String metrics = "metrics:\n  sum_r: SUM(return_60)\n  n_r: COUNT(return_60)\n";
        VizFlowConfig ok = VizFlowConfig.parse(config(metrics + "derived:\n  mean_r: sum_r / n_r\n"), "c.yaml");
        assertEquals(Map.of("mean_r", "sum_r / n_r"), ok.derived());
        BadInputException unknown = assertThrows(BadInputException.class, () -> VizFlowConfig.parse(
                config(metrics + "derived:\n  mean_r: sum_r / n_x\n"), "c.yaml"));
        assertTrue(unknown.getMessage().startsWith("c.yaml: derived.mean_r: unknown name 'n_x'"), unknown.getMessage());
        BadInputException syntax = assertThrows(BadInputException.class, () -> VizFlowConfig.parse(
                config(metrics + "derived:\n  mean_r: sum_r / \n"), "c.yaml"));
        assertTrue(syntax.getMessage().startsWith("c.yaml: derived.mean_r: "), syntax.getMessage());
        BadInputException clash = assertThrows(BadInputException.class, () -> VizFlowConfig.parse(
                config(metrics + "derived:\n  sum_r: n_r * 2\n"), "c.yaml"));
        assertTrue(clash.getMessage().contains("derived.sum_r: is also a metric"), clash.getMessage());
    }

    @Test
    void configsOfThePipelinesLoad() {
        Map<String, String> metrics = new LinkedHashMap<>();
        metrics.put("count", "COUNT(*)");
        metrics.put("n_large", "SUM(CASE WHEN is_large THEN 1 ELSE 0 END)");
        metrics.put("max_trade_count", "MAX(trade_count)");
        assertEquals(Map.of("count", MergeRule.SUM, "n_large", MergeRule.SUM, "max_trade_count", MergeRule.MAX),
                MergeRules.of(metrics));
    }

    private static String config(String metricsAndMore) {
        return "input_dir: data/raw\noutput_dir: data/partials\ninput_pattern: 'fills_{date}.feather'\nmarket: CN\n"
                + "columns: {timestamp: ticktime, symbol: ukey, price: mid}\nhorizons: [60]\n"
                + "binwidths: {alpha1: 1.0e-4}\ngroup_by: [alpha1_bin]\n" + metricsAndMore;
    }
}
