package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.CLOSE;
import static io.vizflow.pipeline.Trades.CN_DAY;
import static io.vizflow.pipeline.Trades.FIVE_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.LUNCH;
import static io.vizflow.pipeline.Trades.ONE_MINUTE_LATER;
import static io.vizflow.pipeline.Trades.OPEN;
import static io.vizflow.pipeline.Trades.OTHER_SYMBOL;
import static io.vizflow.pipeline.Trades.SYMBOL;
import static io.vizflow.pipeline.Trades.tick;
import static io.vizflow.pipeline.Trades.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.ColumnType;
import io.vizflow.row.VizRow;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

/** {@code forward_return} (CONTRACT section 4) in the keyed per-symbol operator. */
class SymbolDayForwardReturnsTest {

    private static final long ONE_MINUTE = 60;
    private static final long JUST_BEFORE_LUNCH = LUNCH - 10;         // 11:29:50
    private static final long ONE_MINUTE_AFTER_BEFORE_LUNCH = JUST_BEFORE_LUNCH + ONE_MINUTE; // 13:00:50

    private SymbolDayHarness day;

    @AfterEach
    void close() throws Exception {
        if (day != null) day.close();
    }

    private SymbolDayHarness returns(Long tolerance, long... horizons) throws Exception {
        day = SymbolDayHarness.forwardReturns(new ForwardReturns(horizons, tolerance, "price", CN_DAY));
        return day;
    }

    /** The returns of one horizon by row id, after the end of the day. */
    private Map<Long, Double> returnsOf(long horizon) {
        int col = day.column(ForwardReturns.column(horizon));
        Map<Long, Double> out = new HashMap<>();
        for (VizRow r : day.output()) {
            out.put(r.getLong(Trades.ROW_ID), r.isNull(col) ? null : r.getDouble(col));
        }
        return out;
    }

    private void assertNothingLeftBehind() {
        assertEquals(0, day.numKeyedStateEntries(), "keyed state left behind");
        assertEquals(0, day.numEventTimeTimers(), "timers left behind");
    }

    @Test
    void shouldAddOneDoubleColumnPerHorizon() throws Exception {
        returns(null, 60, 300, 600);
        assertEquals(Trades.SCHEMA
                .with("return_60", ColumnType.DOUBLE)
                .with("return_300", ColumnType.DOUBLE)
                .with("return_600", ColumnType.DOUBLE), day.output);
    }

    @Test
    void shouldDivideTheFuturePriceByTheRowsPrice() throws Exception {
        returns(null, ONE_MINUTE).feed(
                tick(0, OPEN, 10.0),
                tick(1, ONE_MINUTE_LATER, 10.3)).endOfDay();

        Map<Long, Double> r = returnsOf(ONE_MINUTE);
        assertEquals(10.3 / 10.0 - 1, r.get(0L), 0.0);
        assertEquals(0.0, r.get(1L), 0.0, "nothing trades after the last row: its own price is the last one");
    }

    @Test
    void shouldGiveNoReturnPastTheEndOfTheDayButOneExactlyAtIt() throws Exception {
        returns(null, ONE_MINUTE).feed(
                tick(0, CLOSE - ONE_MINUTE, 10.0),
                tick(1, CLOSE - ONE_MINUTE + 1, 11.0),
                tick(2, CLOSE, 12.0)).endOfDay();

        Map<Long, Double> r = returnsOf(ONE_MINUTE);
        assertEquals(12.0 / 10.0 - 1, r.get(0L), 0.0);
        assertNull(r.get(1L));
        assertNull(r.get(2L));
        assertEquals(3, r.size());
        assertNothingLeftBehind();
    }

    @Test
    void shouldLookAcrossLunchInTradingSeconds() throws Exception {
        returns(null, ONE_MINUTE).feed(
                tick(0, JUST_BEFORE_LUNCH, 10.0),
                tick(1, LUNCH, 10.1),                 // a lunch-time row, clamped to 7200, and 13:00:00
                tick(2, ONE_MINUTE_AFTER_BEFORE_LUNCH - 1, 10.2),
                tick(3, ONE_MINUTE_AFTER_BEFORE_LUNCH, 10.4),
                tick(4, ONE_MINUTE_AFTER_BEFORE_LUNCH + 1, 10.8)).endOfDay();

        assertEquals(10.4 / 10.0 - 1, returnsOf(ONE_MINUTE).get(0L), 0.0);
    }

    @Test
    void shouldTakeTheLastOfSeveralRowsAtTheTargetSecond() throws Exception {
        returns(null, ONE_MINUTE, 0).feed(
                tick(0, OPEN, 10.0),
                tick(1, ONE_MINUTE_LATER, 11.0),
                tick(2, ONE_MINUTE_LATER, 12.0),
                tick(3, ONE_MINUTE_LATER, 13.0),
                tick(4, ONE_MINUTE_LATER + 1, 14.0)).endOfDay();

        Map<Long, Double> inOneMinute = returnsOf(ONE_MINUTE);
        assertEquals(13.0 / 10.0 - 1, inOneMinute.get(0L), 0.0);
        Map<Long, Double> now = returnsOf(0);
        assertEquals(13.0 / 11.0 - 1, now.get(1L), 0.0);
        assertEquals(13.0 / 12.0 - 1, now.get(2L), 0.0);
        assertEquals(0.0, now.get(3L), 0.0);
        assertEquals(0.0, now.get(4L), 0.0);
    }

    @Test
    void shouldLookBackToTheLastRowBeforeTheTarget() throws Exception {
        returns(null, ONE_MINUTE).feed(
                tick(0, OPEN, 10.0),
                tick(1, OPEN + 30, 11.0),
                tick(2, OPEN + 90, 12.0)).endOfDay();

        Map<Long, Double> r = returnsOf(ONE_MINUTE);
        assertEquals(11.0 / 10.0 - 1, r.get(0L), 0.0);
        assertEquals(12.0 / 11.0 - 1, r.get(1L), 0.0);
        assertEquals(0.0, r.get(2L), 0.0, "the row itself is the last one before its target");
    }

    @Test
    void shouldGiveNoReturnWhenTheLastRowIsOlderThanTheTolerance() throws Exception {
        returns(20L, ONE_MINUTE).feed(
                tick(0, OPEN, 10.0),
                tick(1, OPEN + 30, 11.0),
                tick(2, OPEN + 90, 12.0)).endOfDay();

        assertNull(returnsOf(ONE_MINUTE).get(0L), "the row at 30 s is older than 60 - 20 = 40 s");
    }

    @Test
    void shouldKeepAReturnWhoseRowIsExactlyAtTheTolerance() throws Exception {
        returns(30L, ONE_MINUTE).feed(
                tick(0, OPEN, 10.0),
                tick(1, OPEN + 30, 11.0),
                tick(2, OPEN + 90, 12.0)).endOfDay();

        assertEquals(11.0 / 10.0 - 1, returnsOf(ONE_MINUTE).get(0L), 0.0);
    }

    @Test
    void shouldGiveNoReturnForANullPriceAtEitherEnd() throws Exception {
        returns(null, ONE_MINUTE).feed(
                tick(0, OPEN, null),
                tick(1, OPEN + 1, 10.0),
                tick(2, ONE_MINUTE_LATER + 1, null),
                tick(3, ONE_MINUTE_LATER + 2, 12.0)).endOfDay();

        Map<Long, Double> r = returnsOf(ONE_MINUTE);
        assertNull(r.get(0L), "no price of its own");
        assertNull(r.get(1L), "the price at the target is null");
        assertNull(r.get(2L));
        assertEquals(4, r.size());
    }

    @Test
    void shouldGiveZeroAtHorizonZeroForTheLastRowOfItsSecond() throws Exception {
        returns(null, 0).feed(
                tick(0, OPEN, 10.0),
                tick(1, ONE_MINUTE_LATER, 10.5)).endOfDay();

        Map<Long, Double> r = returnsOf(0);
        assertEquals(0.0, r.get(0L), 0.0);
        assertEquals(0.0, r.get(1L), 0.0);
    }

    @Test
    void shouldComputeEveryHorizonOfARow() throws Exception {
        returns(null, ONE_MINUTE, 300, 600).feed(
                tick(0, OPEN, 10.0),
                tick(1, ONE_MINUTE_LATER, 10.1),
                tick(2, FIVE_MINUTES_LATER, 10.5),
                tick(3, OPEN + 601, 11.0)).endOfDay();

        assertEquals(10.1 / 10.0 - 1, returnsOf(ONE_MINUTE).get(0L), 0.0);
        assertEquals(10.5 / 10.0 - 1, returnsOf(300).get(0L), 0.0);
        assertEquals(10.5 / 10.0 - 1, returnsOf(600).get(0L), 0.0);
        assertEquals(11.0 / 10.1 - 1, returnsOf(600).get(1L), 0.0);
    }

    @Test
    void shouldPutASymbolsRowsInTimeOrderWhenTheFileIsNot() throws Exception {
        returns(null, ONE_MINUTE).feedBlock(
                tick(2, ONE_MINUTE_LATER, 11.0),
                tick(0, OPEN, 10.0)).feed(
                tick(1, OPEN + 30, 10.5)).endOfDay();

        Map<Long, Double> r = returnsOf(ONE_MINUTE);
        assertEquals(11.0 / 10.0 - 1, r.get(0L), 0.0, "row 0's price in 60 s is row 2's, given first");
        assertEquals(11.0 / 10.5 - 1, r.get(1L), 0.0);
        assertEquals(List.of(0L, 1L, 2L), day.output().stream().map(v -> v.getLong(Trades.ROW_ID)).toList());
        assertEquals(1L, day.sortedRuns(), "the two blocks overlap in time: sorted together");
    }

    @Test
    void shouldNotSortASymbolWhoseRowsCameInOrder() throws Exception {
        returns(null, ONE_MINUTE).feedBlock(tick(0, OPEN, 10.0), tick(1, OPEN, 10.5))
                .feed(tick(2, ONE_MINUTE_LATER, 11.0)).endOfDay();

        assertEquals(0L, day.sortedRuns());
        assertEquals(11.0 / 10.5 - 1, returnsOf(ONE_MINUTE).get(1L), 0.0);
    }

    @Test
    void shouldNeverUseAnotherSymbolsPrices() throws Exception {
        returns(null, ONE_MINUTE).feed(
                trade(0, SYMBOL, "B", 1, 10.0, OPEN),
                trade(1, OTHER_SYMBOL, "B", 1, 99.0, OPEN + 30),
                trade(2, OTHER_SYMBOL, "B", 1, 100.0, ONE_MINUTE_LATER + 30),
                trade(3, SYMBOL, "B", 1, 11.0, ONE_MINUTE_LATER + 1)).endOfDay();

        Map<Long, Double> r = returnsOf(ONE_MINUTE);
        assertEquals(0.0, r.get(0L), 0.0, "the symbol's last row before 60 s is its own row at 0 s");
        assertEquals(100.0 / 99.0 - 1, r.get(1L), 0.0);
        assertNothingLeftBehind();
    }

    static Stream<Arguments> randomDays() {
        return Stream.of(
                Arguments.of(new long[] {0, 1, 7, 60, 300}, 5L, 7L),
                Arguments.of(new long[] {60, 300, 600}, null, 11L),
                Arguments.of(new long[] {600}, 100L, 13L),
                Arguments.of(new long[] {1}, null, 17L),
                Arguments.of(new long[] {3_600, 30}, 0L, 19L));
    }

    @ParameterizedTest(name = "random day with seed {2}")
    @MethodSource("randomDays")
    void shouldMatchABruteForceAsOfJoinOverARandomDay(long[] horizons, Long tolerance, long seed) throws Exception {
        day = SymbolDayHarness.forwardReturns(new ForwardReturns(horizons, tolerance, "price", CN_DAY));
        matchBruteForce(horizons, tolerance, seed);
    }

    @ParameterizedTest(name = "random day with seed {2}, in stretches of a file in time order")
    @MethodSource("randomDays")
    void shouldMatchABruteForceAsOfJoinOverARandomDayInStretches(long[] horizons, Long tolerance, long seed)
            throws Exception {
        day = SymbolDayHarness.forwardReturns(new ForwardReturns(horizons, tolerance, "price", CN_DAY));
        matchBruteForce(horizons, tolerance, seed, rows -> day.feedInStretches(rows, new Random(seed), 300));
        assertEquals(0L, day.sortedRuns(), "rows in time order are never sorted");
    }

    @ParameterizedTest(name = "random day with seed {2}, in stretches of a shuffled file")
    @MethodSource("randomDays")
    void shouldMatchABruteForceAsOfJoinOverARandomDayInStretchesOfAShuffledFile(long[] horizons, Long tolerance,
                                                                                long seed) throws Exception {
        day = SymbolDayHarness.forwardReturns(new ForwardReturns(horizons, tolerance, "price", CN_DAY));
        matchBruteForce(horizons, tolerance, seed, rows -> {
            List<VizRow> shuffled = new ArrayList<>(rows);
            Random random = new Random(seed);
            // mostly in order, with runs of neighbours swapped: some blocks overlap, most do not
            for (int i = 0; i + 40 < shuffled.size(); i += 1 + random.nextInt(400)) {
                java.util.Collections.shuffle(shuffled.subList(i, i + 40), random);
            }
            day.feedInStretches(shuffled, random, 100);
        });
        assertTrue(day.sortedRuns() > 0, "overlapping blocks are sorted");
    }

    @Test
    void shouldHandOnARowOnceTheBlocksPastItsLongestHorizonHaveCome() throws Exception {
        day = SymbolDayHarness.forwardReturns(new ForwardReturns(new long[] {ONE_MINUTE, 300}, null, "price", CN_DAY));
        day.feed(tick(0, OPEN, 10.0), tick(1, FIVE_MINUTES_LATER, 10.5)).deliver();
        assertTrue(day.output().isEmpty(), "row 0 still waits for its 300 s price");

        day.feed(tick(2, FIVE_MINUTES_LATER + 1, 11.0)).deliver();
        assertTrue(day.output().isEmpty(), "the block of row 2 is held until the next one shows nothing goes before it");

        day.feed(tick(3, FIVE_MINUTES_LATER + 2, 11.0)).deliver();
        List<VizRow> out = day.output();
        assertEquals(1, out.size());
        assertEquals(10.5 / 10.0 - 1, out.get(0).getDouble(day.column("return_300")), 0.0);
    }

    @Test
    void shouldFailWhenASymbolsBlocksComeOutOfOrder() throws Exception {
        day = SymbolDayHarness.forwardReturns(new ForwardReturns(new long[] {ONE_MINUTE}, null, "price", CN_DAY));
        day.deliverNow(tick(0, ONE_MINUTE_LATER, 10.0));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> day.deliverNow(tick(1, OPEN, 10.5)));
        assertTrue(e.getMessage().contains("symbol " + SYMBOL) && e.getMessage().contains("needs BATCH execution"),
                e.getMessage());
    }

    private void matchBruteForce(long[] horizons, Long tolerance, long seed) throws Exception {
        matchBruteForce(horizons, tolerance, seed, rows -> day.feed(rows));
    }

    private void matchBruteForce(long[] horizons, Long tolerance, long seed,
                                 java.util.function.Consumer<List<VizRow>> feed) throws Exception {
        Random random = new Random(seed);
        List<VizRow> rows = new ArrayList<>();
        long t = OPEN;
        for (long rowId = 0; rowId < 5_000; rowId++) {
            t = Math.min(CLOSE, t + (random.nextInt(10) < 4 ? 0 : random.nextInt(8)));
            Double price = random.nextInt(20) == 0 ? null : 10.0 + random.nextInt(1_000) / 100.0;
            rows.add(tick(rowId, t, price));
        }
        List<VizRow> expected = new ArrayList<>();
        for (VizRow r : rows) expected.add(r.copy());

        feed.accept(rows);
        day.endOfDay();

        List<VizRow> out = day.output();
        assertEquals(rows.size(), out.size());
        for (int k = 0; k < horizons.length; k++) {
            long h = horizons[k];
            int col = day.column(ForwardReturns.column(h));
            for (int i = 0; i < out.size(); i++) {
                VizRow row = out.get(i);
                assertEquals(i, row.getLong(Trades.ROW_ID), "rows come out in order");
                Double want = asOfReturn(expected, i, h, tolerance);
                Double got = row.isNull(col) ? null : row.getDouble(col);
                assertEquals(want, got, "row " + i + " horizon " + h);
            }
        }
        assertNothingLeftBehind();
    }

    /** CONTRACT section 4, literally. */
    private static Double asOfReturn(List<VizRow> rows, int i, long h, Long tolerance) {
        VizRow row = rows.get(i);
        long target = row.getLong(Trades.ELAPSED) + h;
        if (row.isNull(Trades.PRICE) || target > CN_DAY) return null;
        VizRow last = null;
        for (VizRow r : rows) {
            if (r.getLong(Trades.ELAPSED) <= target) last = r;
        }
        if (last == null || last.isNull(Trades.PRICE)) return null;
        if (tolerance != null && last.getLong(Trades.ELAPSED) < target - tolerance) return null;
        return last.getDouble(Trades.PRICE) / row.getDouble(Trades.PRICE) - 1;
    }
}
