package io.vizflow.jobs;

import io.vizflow.BadInputException;
import io.vizflow.config.VizFlowConfig;

import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Bad input gets a clear error naming the file, the column and the value, and a failed date
 * leaves no files behind (fixtures: tools/make_bad_inputs.py).
 */
class DailyJobBadInputTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = MiniClusters.twoSlots();

    @TempDir
    Path out;

    @Test
    void goodDayOfTheSameShapeRuns() throws Exception {
        RunSummary s = job("posttrade", 1).run();
        assertEquals(50, s.inputRows());
    }

    @Test
    void dayWithoutRowsGivesAnEmptyPartialWithTheSchema() throws Exception {
        RunSummary s = job("posttrade", 11).run();
        assertEquals(0, s.inputRows());
        assertEquals(0, s.groups());
        assertTrue(Files.isRegularFile(s.partial().resolve("_SUCCESS")));
        assertEquals(java.util.List.of("alpha1_bin", "side", "is_closed", "count", "sum_matched_qty", "sum_notional",
                "sum_holding_period", "n_large", "max_trade_count", "sum_qty_return_300"),
                java.util.List.copyOf(Golden.partialTypes(s.partial()).keySet()));
    }

    @Test
    void missingFileIsNamed() {
        String msg = fails("posttrade", 28);
        assertTrue(msg.contains("fills_20240228.feather"), msg);
        assertTrue(msg.contains("no such file"), msg);
    }

    @Test
    void emptyFileIsRefused() {
        String msg = fails("posttrade", 2);
        assertTrue(msg.contains("fills_20240202.feather") && msg.contains("empty"), msg);
    }

    @Test
    void nonArrowFileIsRefused() {
        String msg = fails("posttrade", 3);
        assertTrue(msg.contains("fills_20240203.feather") && msg.contains("not an Arrow"), msg);
    }

    @Test
    void truncatedFileIsRefused() {
        String msg = fails("posttrade", 4);
        assertTrue(msg.contains("fills_20240204.feather"), msg);
        assertTrue(msg.toLowerCase().contains("truncated") || msg.contains("not an Arrow"), msg);
    }

    @Test
    void missingColumnIsNamedWithTheConfigKey() {
        String msg = fails("posttrade", 5);
        assertTrue(msg.contains("fills_20240205.feather") && msg.contains("'mid'") && msg.contains("columns.price"), msg);
    }

    @Test
    void wrongColumnTypeIsNamed() {
        String msg = fails("posttrade", 6);
        assertTrue(msg.contains("fills_20240206.feather") && msg.contains("'ticktime'"), msg);
    }

    @Test
    void nullSymbolIsNamedWithItsRow() {
        String msg = fails("posttrade", 7);
        assertTrue(msg.contains("fills_20240207.feather") && msg.contains("ukey") && msg.contains("17"), msg);
    }

    @Test
    void nullTimeIsNamedWithItsRow() {
        String msg = fails("posttrade", 8);
        assertTrue(msg.contains("fills_20240208.feather") && msg.contains("ticktime") && msg.contains("23"), msg);
    }

    @Test
    void unknownSideIsNamedWithItsRowAndValue() {
        String msg = fails("posttrade", 9);
        assertTrue(msg.contains("fills_20240209.feather") && msg.contains("side") && msg.contains("31")
                && msg.contains("'X'"), msg);
    }

    @Test
    void impossibleTimeIsNamedWithItsValue() {
        String msg = fails("alpha", 10);
        assertTrue(msg.contains("fills_20240210.feather") && msg.contains("ticktime") && msg.contains("256000000"), msg);
    }

    @Test
    void unknownConfigKeyIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> VizFlowConfig.parse(
                "input_dir: a\noutput_dir: b\ninput_pattern: 'f_{date}.feather'\nmarket: CN\n"
                        + "columns: {timestamp: t, symbol: s, price: p}\nmetrics: {n: 'COUNT(*)'}\nhorizon: [60]\n", "c.yaml"));
        assertTrue(e.getMessage().contains("c.yaml") && e.getMessage().contains("horizon"), e.getMessage());
    }

    @Test
    void badMetricExpressionIsNamedWithItsKey() {
        String yaml = Golden.yaml("alpha", Golden.resource("bad"), out).replace("COUNT(*)", "COUNT(*) +* 2");
        DailyJob job = new DailyJob(VizFlowConfig.parse(yaml, "alpha.yaml"), LocalDate.of(2024, 2, 1));
        BadInputException e = assertThrows(BadInputException.class, job::run);
        assertTrue(e.getMessage().contains("metrics.count"), e.getMessage());
        assertNothingWritten();
    }

    @Test
    void unknownColumnInAConditionIsNamedWithItsKey() {
        String yaml = Golden.yaml("posttrade", Golden.resource("bad"), out).replace("qty > 10000", "qtty > 10000");
        DailyJob job = new DailyJob(VizFlowConfig.parse(yaml, "posttrade.yaml"), LocalDate.of(2024, 2, 1));
        BadInputException e = assertThrows(BadInputException.class, job::run);
        assertTrue(e.getMessage().contains("enrich.conditions.is_large") && e.getMessage().contains("qtty"), e.getMessage());
    }

    private DailyJob job(String pipeline, int day) {
        return new DailyJob(Golden.config(pipeline, Golden.resource("bad"), out), LocalDate.of(2024, 2, day));
    }

    /** Runs a bad day; returns its message after checking nothing was left behind. */
    private String fails(String pipeline, int day) {
        BadInputException e = assertThrows(BadInputException.class, () -> job(pipeline, day).run());
        assertNothingWritten();
        return e.getMessage();
    }

    private void assertNothingWritten() {
        try (Stream<Path> left = Files.exists(out) ? Files.walk(out) : Stream.empty()) {
            assertEquals(0, left.filter(p -> !p.equals(out)).count(), "a failed date leaves no files behind");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
