package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.FIVE_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.ONE_MINUTE_LATER;
import static io.vizflow.pipeline.Trades.OPEN;
import static io.vizflow.pipeline.Trades.OTHER_SYMBOL;
import static io.vizflow.pipeline.Trades.SYMBOL;
import static io.vizflow.pipeline.Trades.TWO_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.enrich.RunningFunction;
import io.vizflow.enrich.TagCondition;
import io.vizflow.enrich.TagRule;
import io.vizflow.enrich.TagRunning;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Tags (CONTRACT section 3) with their keyed state, in the per-symbol operator. */
class SymbolDayTagsTest {

    private SymbolDayHarness day;

    @AfterEach
    void close() throws Exception {
        if (day != null) day.close();
    }

    /** A morning: a fill, a fill with neither quantity nor price, and two more fills. */
    private static VizRow[] morning() {
        return new VizRow[] {
            trade(0, SYMBOL, "B", 100, 10.0, OPEN),
            trade(1, SYMBOL, "S", 1, null, ONE_MINUTE_LATER).setNull(Trades.QTY),
            trade(2, SYMBOL, "B", 50, 9.0, TWO_MINUTES_LATER),
            trade(3, SYMBOL, "S", 300, 11.0, FIVE_MINUTES_LATER),
        };
    }

    private List<Object> column(String name) {
        int i = day.column(name);
        ColumnType type = day.output.type(i);
        List<Object> values = new ArrayList<>();
        for (VizRow r : day.output()) values.add(r.get(i, type));
        return values;
    }

    private Map<Long, Object> byRowId(String name) {
        int i = day.column(name);
        ColumnType type = day.output.type(i);
        Map<Long, Object> values = new HashMap<>();
        for (VizRow r : day.output()) values.put(r.getLong(Trades.ROW_ID), r.get(i, type));
        return values;
    }

    private void assertNothingLeftBehind() {
        assertEquals(0, day.numKeyedStateEntries(), "keyed state left behind");
        assertEquals(0, day.numEventTimeTimers(), "timers left behind");
    }

    @Test
    void shouldCountTheSymbolsRowsFromOne() throws Exception {
        day = SymbolDayHarness.tags(List.of(TagRunning.of("trade_count", "count")));
        day.feed(morning()).endOfDay();

        assertEquals(List.of(1L, 2L, 3L, 4L), column("trade_count"));
        assertNothingLeftBehind();
    }

    @Test
    void shouldTagRowsInTimeOrderWhenABlockHoldsThemOutOfOrder() throws Exception {
        day = SymbolDayHarness.tags(List.of(TagRunning.of("trade_count", "count"), TagRunning.of("cum_qty", "sum(qty)"),
                TagCondition.of("is_large", "qty > 60")));
        VizRow[] m = morning();
        day.feedBlock(m[3], m[1], m[0], m[2]).endOfDay(); // one block, as a file not in time order has it

        assertEquals(1L, day.sortedRuns());
        assertEquals(Map.of(0L, 1L, 1L, 2L, 2L, 3L, 3L, 4L), byRowId("trade_count"));
        assertEquals(Map.of(0L, 100L, 1L, 100L, 2L, 150L, 3L, 450L), byRowId("cum_qty"));
        Map<Long, Object> large = byRowId("is_large");
        assertEquals(true, large.get(0L));
        assertNull(large.get(1L), "a null quantity: no tag");
        assertEquals(false, large.get(2L));
        assertEquals(true, large.get(3L));
        assertNothingLeftBehind();
    }

    @Test
    void shouldSkipNullsInRunningSumsMinimaMaximaAndLasts() throws Exception {
        day = SymbolDayHarness.tags(List.of(
                TagRunning.of("cum_qty", "sum(qty)"),
                TagRunning.of("low", "min(price)"),
                TagRunning.of("high", "max(price)"),
                TagRunning.of("last_price", "last(price)")));
        day.feed(morning()).endOfDay();

        assertEquals(List.of(100L, 100L, 150L, 450L), column("cum_qty"));
        assertEquals(List.of(10.0, 10.0, 9.0, 9.0), column("low"));
        assertEquals(List.of(10.0, 10.0, 10.0, 11.0), column("high"));
        assertEquals(List.of(10.0, 10.0, 9.0, 11.0), column("last_price"));
        assertEquals(RowSchema.empty().with("cum_qty", ColumnType.LONG).with("low", ColumnType.DOUBLE)
                .with("high", ColumnType.DOUBLE).with("last_price", ColumnType.DOUBLE).names(),
                day.output.names().subList(Trades.SCHEMA.size(), day.output.size()));
        assertNothingLeftBehind();
    }

    @Test
    void shouldHaveNoRunningValueBeforeTheFirstNonNull() throws Exception {
        day = SymbolDayHarness.tags(List.of(TagRunning.of("cum_notional", "sum(price)")));
        day.feed(
                trade(0, SYMBOL, "B", 100, null, OPEN),
                trade(1, SYMBOL, "B", 100, 2.5, ONE_MINUTE_LATER)).endOfDay();

        assertEquals(Arrays.asList(null, 2.5), column("cum_notional"));
    }

    @Test
    void shouldRunOverAnEarlierTagsColumn() throws Exception {
        day = SymbolDayHarness.tags(List.of(
                TagCondition.of("is_large", "qty > 80"),
                TagRunning.of("last_large", "last(is_large)")));
        day.feed(morning()).endOfDay();

        assertEquals(Arrays.asList(true, null, false, true), column("is_large"));
        assertEquals(List.of(true, true, false, true), column("last_large"));
    }

    @Test
    void shouldStartFreshForEachSymbol() throws Exception {
        day = SymbolDayHarness.tags(List.of(TagRunning.of("trade_count", "count"), TagRunning.of("cum_qty", "sum(qty)")));
        day.feed(
                trade(0, SYMBOL, "B", 100, 10.0, OPEN),
                trade(1, OTHER_SYMBOL, "B", 7, 20.0, OPEN),
                trade(2, SYMBOL, "S", 50, 10.0, ONE_MINUTE_LATER),
                trade(3, OTHER_SYMBOL, "S", 3, 20.0, TWO_MINUTES_LATER)).endOfDay();

        assertEquals(Map.of(0L, 1L, 1L, 1L, 2L, 2L, 3L, 2L), byRowId("trade_count"));
        assertEquals(Map.of(0L, 100L, 1L, 7L, 2L, 150L, 3L, 10L), byRowId("cum_qty"));
        assertNothingLeftBehind();
    }

    /** A user's own running function: the volume-weighted average price so far. */
    static final class RunningVwap implements RunningFunction<RunningVwap.Totals> {
        private static final long serialVersionUID = 1L;

        /** The accumulator: a POJO, so Flink gives it a typed serializer. */
        public static final class Totals {
            public double notional;
            public double quantity;
        }

        private int price;
        private int qty;

        @Override
        public ColumnType bind(RowSchema input) {
            price = input.indexOf("price", ColumnType.DOUBLE);
            qty = input.indexOf("qty", ColumnType.LONG);
            return ColumnType.DOUBLE;
        }

        @Override
        public TypeInformation<Totals> accumulatorType() {
            return TypeInformation.of(Totals.class);
        }

        @Override
        public Totals create() {
            return new Totals();
        }

        @Override
        public Totals add(Totals totals, VizRow row) {
            if (!row.isNull(price) && !row.isNull(qty)) {
                totals.notional += row.getDouble(price) * row.getLong(qty);
                totals.quantity += row.getLong(qty);
            }
            return totals;
        }

        @Override
        public void write(Totals totals, VizRow row, int column) {
            if (totals.quantity == 0) row.setNull(column); else row.setDouble(column, totals.notional / totals.quantity);
        }
    }

    @Test
    void shouldRunAUsersOwnFunctionWithItsOwnAccumulator() throws Exception {
        assertTrue(new RunningVwap().accumulatorType() instanceof org.apache.flink.api.java.typeutils.PojoTypeInfo);
        day = SymbolDayHarness.tags(List.of(TagRunning.of("vwap", new RunningVwap())));
        day.feed(morning()).endOfDay();

        assertEquals(List.of(
                10.0,
                10.0,
                (10.0 * 100 + 9.0 * 50) / 150,
                (10.0 * 100 + 9.0 * 50 + 11.0 * 300) / 450), column("vwap"));
        assertNothingLeftBehind();
    }

    @Test
    void shouldNameTheRunningColumnOfAnUnknownOrTextColumn() {
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> SymbolDayHarness.tags(List.<TagRule>of(TagRunning.of("cum", "sum(volume)"))));
        assertTrue(unknown.getMessage().contains("enrich.running.cum") && unknown.getMessage().contains("volume"),
                unknown.getMessage());

        IllegalArgumentException text = assertThrows(IllegalArgumentException.class,
                () -> SymbolDayHarness.tags(List.<TagRule>of(TagRunning.of("top", "max(side)"))));
        assertTrue(text.getMessage().contains("enrich.running.top") && text.getMessage().contains("side"),
                text.getMessage());
    }
}
