package io.vizflow.config;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import io.vizflow.market.Market;
import io.vizflow.market.TimeFormat;
import io.vizflow.market.TradingSession;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/** The YAML config (CONTRACT section 8): every mistake is an error that names its key. */
class VizFlowConfigTest {
    private static final String SOURCE = "test.yaml";

    /** The smallest valid config; tests replace or append lines. */
    private static final String MINIMAL = String.join("\n",
            "input_dir: data/raw",
            "output_dir: data/partials",
            "input_pattern: \"fills_{date}.feather\"",
            "market: CN",
            "columns: {timestamp: ticktime, symbol: ukey, price: mid, quantity: qty, side: side}",
            "metrics:",
            "  count: \"COUNT(*)\"",
            "");

    @TempDir
    Path dir;

    private static Path resource(String name) throws URISyntaxException {
        return Path.of(VizFlowConfigTest.class.getResource("/config/" + name).toURI());
    }

    private static VizFlowConfig parse(String yaml) {
        return VizFlowConfig.parse(yaml, SOURCE);
    }

    /** The message of the error a config gives; it must name the source. */
    private static String error(String yaml) {
        String message = assertThrows(BadInputException.class, () -> parse(yaml)).getMessage();
        assertTrue(message.startsWith(SOURCE + ": "), message);
        return message;
    }

    private static String withLine(String line) {
        return MINIMAL + line + "\n";
    }

    private static String replacing(String key, String line) {
        StringBuilder sb = new StringBuilder();
        for (String l : MINIMAL.split("\n")) {
            if (l.startsWith(key + ":")) {
                if (line != null) sb.append(line).append('\n');
            } else {
                sb.append(l).append('\n');
            }
        }
        return sb.toString();
    }

    private static void assertNamesKey(String key, String message) {
        assertTrue(message.contains(SOURCE + ": " + key + ":"), "expected the key '" + key + "' in: " + message);
    }

    // ---- the shipped configs ----

    @Test
    void shouldReadTheAlphaEvaluationConfig() throws Exception {
        VizFlowConfig c = VizFlowConfig.load(resource("alpha.yaml"));

        assertSame(Market.CN, c.market());
        assertEquals("alpha_{date}.feather", c.inputPattern());
        assertEquals(Path.of("data/raw/alpha_20240102.feather"), c.inputFile(LocalDate.of(2024, 1, 2)));
        assertEquals("ticktime", c.timestampColumn());
        assertEquals("ukey", c.symbolColumn());
        assertEquals("mid", c.priceColumn());
        assertFalse(c.hasEnrich());
        assertNull(c.fifo());
        assertArrayEquals(new long[] {60, 300, 600}, c.horizons());
        assertNull(c.tolerance());
        assertEquals(Map.of("alpha1", 1.0e-4, "elapsed_seconds", 1800.0), c.binwidths());
        assertEquals(List.of("alpha1", "elapsed_seconds"), List.copyOf(c.binwidths().keySet()));
        assertEquals(List.of("alpha1_bin", "elapsed_seconds_bin"), c.groupBy());
        assertEquals(8, c.metrics().size());
        assertEquals("SUM(return_60 * return_60)", c.metrics().get("sumsq_return_60"));
        assertEquals(List.of("count", "sum_return_60", "sum_return_300", "sum_return_600", "n_return_60",
                "n_return_300", "n_return_600", "sumsq_return_60"), List.copyOf(c.metrics().keySet()));
        assertNull(c.timeCutoff());
        assertNull(c.calendar());
    }

    @Test
    void shouldReadThePostTradeConfig() throws Exception {
        VizFlowConfig c = VizFlowConfig.load(resource("posttrade.yaml"));

        assertTrue(c.hasEnrich());
        assertEquals(new FifoSpec("side", "qty", "price", "B", "S"), c.fifo());
        assertEquals(Map.of("is_large", "qty > 10000"), c.conditions());
        assertEquals(Map.of("trade_count", "count"), c.running());
        assertEquals(List.of("alpha1_bin", "side", "is_closed"), c.groupBy());
        assertEquals("SUM(return_300 * matched_qty)", c.metrics().get("sum_qty_return_300"));
        assertEquals(7, c.metrics().size());
    }

    @Test
    void shouldTellWhichHorizonsAStepAfterTheReturnsReads() {
        String base = MINIMAL.replace("metrics:\n  count: \"COUNT(*)\"\n", "") + "horizons: [60, 300, 600]\n";
        assertArrayEquals(new long[] {60, 300, 600}, parse(base + String.join("\n",
                "binwidths: {return_60: 0.001}",
                "group_by: [return_60_bin]",
                "metrics: {s: \"SUM(return_300)\", n: \"COUNT(return_600)\"}", "")).horizonsRead());
        assertArrayEquals(new long[] {300}, parse(base + String.join("\n",
                "enrich:",
                "  conditions: {up: \"return_300 > 0\"}",
                "metrics: {n: \"SUM(CASE WHEN up THEN 1 ELSE 0 END)\"}", "")).horizonsRead());
        // the post-trade example: pieces, quantities and holding periods, no return: none computed
        assertArrayEquals(new long[0], parse(base + String.join("\n",
                "enrich:",
                "  fifo: {side: side, qty: qty, price: mid}",
                "  running: {trade_count: count}",
                "binwidths: {alpha1: 1.0e-4}",
                "group_by: [alpha1_bin, side, is_closed]",
                "metrics: {count: \"COUNT(*)\", q: \"SUM(matched_qty * mid)\", m: \"MAX(trade_count)\"}", "")).horizonsRead());
    }

    @Test
    void shouldDefaultTheFifoSides() {
        VizFlowConfig c = parse(withLine("enrich:\n  fifo: {side: side, qty: qty}"));
        assertEquals(new FifoSpec("side", "qty", null, "B", "S"), c.fifo());
        assertEquals(Map.of(), c.conditions());
    }

    @Test
    void shouldReadTheOptionalKeys() {
        VizFlowConfig c = parse(withLine(String.join("\n",
                "calendar: data/calendar.csv",
                "timestamp_unit: ns",
                "tolerance: 30",
                "time_cutoff: 143000000",
                "consolidated_dir: data/all",
                "flink: {parallelism.default: 2}")));
        assertEquals(Path.of("data/calendar.csv"), c.calendar());
        assertSame(TimeFormat.EPOCH_NS, c.timestampUnit());
        assertEquals(30L, c.tolerance());
        assertEquals(143_000_000L, c.timeCutoff());
        assertEquals(Path.of("data/all"), c.consolidatedDir());
        assertEquals(Map.of("parallelism.default", "2"), c.flink());
        assertArrayEquals(new long[0], c.horizons());
    }

    @Test
    void shouldPutTheConsolidatedDatasetNextToThePartialsByDefault() {
        VizFlowConfig c = parse(MINIMAL);
        assertEquals(Path.of("data/partials").toAbsolutePath().normalize().resolveSibling("consolidated"),
                c.consolidatedDir());
    }

    @Test
    void shouldReplaceOnlyTheOutputDir() {
        VizFlowConfig c = parse(MINIMAL).withOutputDir(Path.of("/tmp/out"));
        assertEquals(Path.of("/tmp/out"), c.outputDir());
        assertEquals(Path.of("data/raw"), c.inputDir());
    }

    // ---- unknown keys ----

    @Test
    void shouldNameAnUnknownTopLevelKey() {
        String m = error(withLine("outptu_dir: elsewhere"));
        assertNamesKey("outptu_dir", m);
        assertTrue(m.contains("unknown key"), m);
    }

    @Test
    void shouldNameAnUnknownKeyUnderEnrich() {
        assertNamesKey("enrich.fifoo", error(withLine("enrich:\n  fifoo: {side: side, qty: qty}")));
    }

    @Test
    void shouldNameAnUnknownKeyUnderFifo() {
        assertNamesKey("enrich.fifo.sides", error(withLine("enrich:\n  fifo: {sides: side, qty: qty}")));
    }

    @Test
    void shouldNameAnUnknownKeyUnderColumns() {
        assertNamesKey("columns.timestmp", error(replacing("columns",
                "columns: {timestmp: ticktime, timestamp: t, symbol: ukey, price: mid}")));
    }

    @Test
    void shouldNameAnUnknownKeyUnderMarket() {
        assertNamesKey("market.zone", error(replacing("market",
                "market: {zone: UTC, timezone: UTC, sessions: [[\"00:00\", \"24:00\"]]}")));
    }

    // ---- wrong types ----

    @Test
    void shouldNameHorizonsThatAreNotAList() {
        assertNamesKey("horizons", error(withLine("horizons: \"abc\"")));
    }

    @Test
    void shouldNameHorizonsThatAreNotWholeSeconds() {
        assertNamesKey("horizons", error(withLine("horizons: [60, abc]")));
        assertNamesKey("horizons", error(withLine("horizons: [60, 1.5]")));
        assertNamesKey("horizons", error(withLine("horizons: [-60]")));
    }

    @Test
    void shouldNameABinWidthThatIsNotANumber() {
        assertNamesKey("binwidths.alpha1", error(withLine("binwidths: {alpha1: x}")));
        assertNamesKey("binwidths.alpha1", error(withLine("binwidths: {alpha1: 0}")));
        assertNamesKey("binwidths.alpha1", error(withLine("binwidths: {alpha1: [1, 2]}")));
        assertNamesKey("binwidths", error(withLine("binwidths: [alpha1]")));
    }

    @Test
    void shouldReadABinWidthWrittenAsText() {
        assertEquals(Map.of("alpha1", 1.0e-4), parse(withLine("binwidths: {alpha1: \"1e-4\"}")).binwidths());
    }

    @Test
    void shouldNameMetricsThatAreAList() {
        assertNamesKey("metrics", error(replacing("metrics", "metrics: [\"COUNT(*)\"]").replace("  count: \"COUNT(*)\"\n", "")));
    }

    @Test
    void shouldNameAMetricThatIsNotText() {
        assertNamesKey("metrics.count", error(replacing("metrics", "metrics:").replace("  count: \"COUNT(*)\"", "  count: [1]")));
    }

    @Test
    void shouldNameEmptyMetrics() {
        assertNamesKey("metrics", error(replacing("metrics", "metrics: {}").replace("  count: \"COUNT(*)\"\n", "")));
    }

    @Test
    void shouldNameOtherWrongTypes() {
        assertNamesKey("group_by", error(withLine("group_by: side")));
        assertNamesKey("group_by", error(withLine("group_by: [[side]]")));
        assertNamesKey("tolerance", error(withLine("tolerance: abc")));
        assertNamesKey("time_cutoff", error(withLine("time_cutoff: 1.5")));
        assertNamesKey("timestamp_unit", error(withLine("timestamp_unit: minutes")));
        assertNamesKey("columns", error(replacing("columns", "columns: [ticktime, ukey]")));
        assertNamesKey("input_dir", error(replacing("input_dir", "input_dir: [a, b]")));
        assertNamesKey("enrich.conditions", error(withLine("enrich:\n  conditions: [\"qty > 1\"]")));
        assertNamesKey("enrich.running.n", error(withLine("enrich:\n  running: {n: [count]}")));
        assertNamesKey("enrich.fifo", error(withLine("enrich:\n  fifo: side")));
    }

    // ---- missing keys ----

    @Test
    void shouldNameAMissingRequiredKey() {
        for (String key : List.of("input_dir", "output_dir", "input_pattern", "market", "columns", "metrics")) {
            String yaml = replacing(key, null);
            if (key.equals("metrics")) yaml = yaml.replace("  count: \"COUNT(*)\"\n", "");
            String m = error(yaml);
            assertNamesKey(key, m);
            assertTrue(m.contains("required"), m);
        }
    }

    @Test
    void shouldNameAMissingColumn() {
        assertNamesKey("columns.symbol", error(replacing("columns", "columns: {timestamp: ticktime, price: mid}")));
        assertNamesKey("enrich.fifo.qty", error(withLine("enrich:\n  fifo: {side: side}")));
    }

    @Test
    void shouldNameAnInputPatternWithoutTheDate() {
        assertNamesKey("input_pattern", error(replacing("input_pattern", "input_pattern: fills.feather")));
    }

    // ---- markets ----

    @Test
    void shouldReadEveryPreset() {
        assertSame(Market.KR, parse(replacing("market", "market: KR")).market());
        assertSame(Market.CRYPTO, parse(replacing("market", "market: crypto")).market());
        assertSame(Market.HKEX_NORTHBOUND, parse(replacing("market", "market: hkex_northbound")).market());
    }

    @Test
    void shouldNameAnUnknownMarket() {
        String m = error(replacing("market", "market: NYSE"));
        assertNamesKey("market", m);
        assertTrue(m.contains("NYSE"), m);
    }

    @Test
    void shouldNameABadTimezone() {
        String m = error(replacing("market", "market: {timezone: Mars/Olympus, sessions: [[\"09:30\", \"11:30\"]]}"));
        assertNamesKey("market.timezone", m);
        assertTrue(m.contains("Mars/Olympus"), m);
    }

    @Test
    void shouldNameBadSessions() {
        assertNamesKey("market.sessions", error(replacing("market",
                "market: {timezone: UTC, sessions: [[\"09:30\", \"25:00\"]]}")));
        assertNamesKey("market.sessions", error(replacing("market",
                "market: {timezone: UTC, sessions: [[\"09:00\", \"12:00\"], [\"11:00\", \"15:00\"]]}")));
        assertNamesKey("market.sessions", error(replacing("market", "market: {timezone: UTC, sessions: []}")));
        assertNamesKey("market.sessions", error(replacing("market", "market: {timezone: UTC}")));
        assertNamesKey("market.sessions", error(replacing("market",
                "market: {timezone: UTC, sessions: [[\"09:30\"]]}")));
        assertNamesKey("market.timezone", error(replacing("market", "market: {sessions: [[\"09:30\", \"11:30\"]]}")));
    }

    @Test
    void shouldReadACustomMarket() {
        Market m = parse(replacing("market", String.join("\n",
                "market:",
                "  name: LSE",
                "  timezone: Europe/London",
                "  sessions: [[\"08:00\", \"12:00\"], \"12:02-16:30\"]"))).market();

        assertEquals("LSE", m.name());
        assertEquals(ZoneId.of("Europe/London"), m.zone());
        assertEquals(List.of(TradingSession.of("08:00", "12:00"), TradingSession.of("12:02", "16:30")), m.sessions());
        assertEquals(30_480, m.totalSeconds());
    }

    @Test
    void shouldReadCustomSessionsWrittenWithoutQuotes() {
        Market m = parse(replacing("market", String.join("\n",
                "market:",
                "  timezone: Asia/Shanghai",
                "  sessions: [[09:30, 11:30], [13:00, 15:00]]"))).market();

        assertEquals(Market.CN.sessions(), m.sessions());
        assertEquals(14_400, m.totalSeconds());
    }

    // ---- files ----

    @Test
    void shouldNameAMissingConfigFile() {
        Path missing = dir.resolve("nope.yaml");
        String m = assertThrows(BadInputException.class, () -> VizFlowConfig.load(missing)).getMessage();
        assertTrue(m.contains(missing.toString()), m);
    }

    @Test
    void shouldRefuseYamlThatIsNotAMapping() {
        error("- just\n- a list\n");
        assertTrue(error("input_dir: [unclosed\n").contains("YAML"));
    }
}
