package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.CN_DAY;
import static io.vizflow.pipeline.Trades.FIVE_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.ONE_MINUTE_LATER;
import static io.vizflow.pipeline.Trades.OPEN;
import static io.vizflow.pipeline.Trades.OTHER_SYMBOL;
import static io.vizflow.pipeline.Trades.SYMBOL;
import static io.vizflow.pipeline.Trades.TEN_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.TWO_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.buy;
import static io.vizflow.pipeline.Trades.sell;
import static io.vizflow.pipeline.Trades.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import io.vizflow.enrich.FifoMatch;
import io.vizflow.enrich.TagCondition;
import io.vizflow.enrich.TagRule;
import io.vizflow.enrich.TagRunning;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.returns.ForwardReturns;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

/** FIFO matching (CONTRACT section 3) in the keyed per-symbol operator, checked piece by piece. */
class SymbolDayFifoTest {

    /** What a piece says about the match, with the row it is a piece of. */
    record Piece(long rowId, Long matchedEntryId, long matchedQty, Long holdingPeriod, boolean isClosed) {
        static Piece closed(long exitRowId, long entryRowId, long qty, long holding) {
            return new Piece(exitRowId, entryRowId, qty, holding, true);
        }

        static Piece unmatched(long exitRowId, long qty) {
            return new Piece(exitRowId, null, qty, null, false);
        }

        static Piece unclosed(long entryRowId, long qty) {
            return new Piece(entryRowId, entryRowId, qty, null, false);
        }
    }

    private SymbolDayHarness day;

    @AfterEach
    void close() throws Exception {
        if (day != null) day.close();
    }

    private SymbolDayHarness fifo() throws Exception {
        day = SymbolDayHarness.fifo(FifoMatch.of("side", "qty", "price").withOrigin("fills_20240102.feather"));
        return day;
    }

    /**
     * The contract's FIFO, written plainly, per symbol: lots are {row_id, elapsed_seconds, open
     * quantity}; the pieces of exits in row order, then each symbol's open lots, oldest first.
     */
    private static final class ReferenceFifo {
        final List<Piece> duringTheDay = new ArrayList<>();
        final Map<Long, ArrayDeque<long[]>> open = new java.util.LinkedHashMap<>();
        int mostOpen;

        ReferenceFifo(List<VizRow> rows) {
            for (VizRow r : rows) {
                ArrayDeque<long[]> lots = open.computeIfAbsent(r.getLong(Trades.UKEY), k -> new ArrayDeque<>());
                long id = r.getLong(Trades.ROW_ID);
                long t = r.getLong(Trades.ELAPSED);
                long need = r.getLong(Trades.QTY);
                if (r.getString(Trades.SIDE).equals("B")) {
                    lots.addLast(new long[] {id, t, need});
                    mostOpen = Math.max(mostOpen, lots.size());
                    continue;
                }
                while (need > 0 && !lots.isEmpty()) {
                    long[] lot = lots.peekFirst();
                    long q = Math.min(need, lot[2]);
                    duringTheDay.add(Piece.closed(id, lot[0], q, t - lot[1]));
                    lot[2] -= q;
                    need -= q;
                    if (lot[2] == 0) lots.pollFirst();
                }
                if (need > 0) duringTheDay.add(Piece.unmatched(id, need));
            }
        }

        List<Piece> atTheEnd() {
            List<Piece> pieces = new ArrayList<>();
            open.values().forEach(lots -> lots.forEach(lot -> pieces.add(Piece.unclosed(lot[0], lot[2]))));
            return pieces;
        }
    }

    private List<Piece> pieces(List<VizRow> rows) {
        int entry = day.column(FifoMatch.MATCHED_ENTRY_ID);
        int qty = day.column(FifoMatch.MATCHED_QTY);
        int holding = day.column(FifoMatch.HOLDING_PERIOD);
        int closed = day.column(FifoMatch.IS_CLOSED);
        List<Piece> out = new ArrayList<>();
        for (VizRow r : rows) {
            assertFalse(r.isNull(closed), "is_closed is never null");
            assertFalse(r.isNull(qty), "matched_qty is never null");
            out.add(new Piece(r.getLong(Trades.ROW_ID),
                    r.isNull(entry) ? null : r.getLong(entry),
                    r.getLong(qty),
                    r.isNull(holding) ? null : r.getLong(holding),
                    r.getBoolean(closed)));
        }
        return out;
    }

    private List<Piece> pieces() {
        return pieces(day.output());
    }

    private void assertNothingLeftBehind() {
        assertEquals(0, day.numKeyedStateEntries(), "keyed state left behind");
        assertEquals(0, day.numEventTimeTimers(), "timers left behind");
    }

    @Test
    void shouldAppendTheMatchColumnsToTheInputColumns() throws Exception {
        fifo();
        RowSchema expected = Trades.SCHEMA
                .with("matched_entry_id", ColumnType.LONG)
                .with("matched_qty", ColumnType.LONG)
                .with("holding_period", ColumnType.LONG)
                .with("is_closed", ColumnType.BOOLEAN);
        assertEquals(expected, day.output);
    }

    @ParameterizedTest
    @CsvSource({"45000, 8192", "55000, 8192", "55000, 0", "55000, -1"})
    void shouldMatchAcrossThousandsOfOpenLotsAndKeepTheEntryRowsOfTheOpenOnes(int n, int kept) throws Exception {
        // a position that grows to thousands of lots, is sold down to nothing, then grows again past
        // the entry rows kept as they are into encoded segments; with 55,000 rows it is then sold
        // down through the kept rows into the encoded ones and grows once more: checked piece by
        // piece against a plain FIFO queue. Also with every entry row encoded (0), and with the
        // default, which keeps them all here (-1)
        FifoMatch fifo = FifoMatch.of("side", "qty", "price");
        day = SymbolDayHarness.fifo(kept < 0 ? fifo : fifo.keepingEntryRows(kept));
        Random random = new Random(11);
        List<VizRow> in = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            long t = i * 14_000L / n;
            boolean sellingDown = (i >= 12_000 && i < 20_000) || (i >= 45_000 && i < 48_000);
            boolean isBuy = random.nextDouble() < (sellingDown ? 0.1 : 0.8);
            long qty = 1 + random.nextInt(sellingDown && !isBuy ? 300 : 100);
            in.add(Trades.trade(i, Trades.SYMBOL, isBuy ? "B" : "S", qty, 10 + i / 1000.0, t));
        }
        ReferenceFifo reference = new ReferenceFifo(in);
        List<Piece> openLots = reference.atTheEnd();
        List<Piece> expected = new ArrayList<>(reference.duringTheDay);
        expected.addAll(openLots);
        assertTrue(kept < 0 || reference.mostOpen > kept + FifoMatch.Lots.SEGMENT,
                "the open lots span kept rows and encoded segments: " + reference.mostOpen);
        assertTrue(openLots.size() > FifoMatch.Lots.SEGMENT, "open at the end: " + openLots.size());

        day.feed(in).endOfDay();
        List<VizRow> out = day.output();
        assertEquals(expected, pieces(out));
        for (VizRow piece : out.subList(out.size() - openLots.size(), out.size())) {
            VizRow entry = in.get((int) piece.getLong(Trades.ROW_ID));
            for (int c = 0; c < Trades.SCHEMA.size(); c++) {
                if (c != Trades.QTY) {
                    assertEquals(entry.get(c, Trades.SCHEMA.type(c)), piece.get(c, Trades.SCHEMA.type(c)),
                            "column " + Trades.SCHEMA.names().get(c) + " of open lot " + entry.getLong(Trades.ROW_ID));
                }
            }
        }
        assertNothingLeftBehind();
    }

    @Test
    void shouldCloseOldestLotFirst() throws Exception {
        fifo().feed(
                buy(0, OPEN, 100),
                buy(1, ONE_MINUTE_LATER, 200),
                sell(2, FIVE_MINUTES_LATER, 250));
        day.endOfDay();
        assertEquals(List.of(
                Piece.closed(2, 0, 100, 300),
                Piece.closed(2, 1, 150, 240),
                Piece.unclosed(1, 50)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldCloseSeveralLotsWithOneExitAndEmitNoPieceOfFullyClosedEntries() throws Exception {
        fifo().feed(
                buy(0, OPEN, 100),
                buy(1, ONE_MINUTE_LATER, 100),
                buy(2, TWO_MINUTES_LATER, 100),
                sell(3, TEN_MINUTES_LATER, 300)).endOfDay();

        assertEquals(List.of(
                Piece.closed(3, 0, 100, 600),
                Piece.closed(3, 1, 100, 540),
                Piece.closed(3, 2, 100, 480)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldCloseALotPartlyAcrossSeveralExits() throws Exception {
        fifo().feed(
                buy(0, OPEN, 300),
                sell(1, ONE_MINUTE_LATER, 100),
                sell(2, TWO_MINUTES_LATER, 120)).endOfDay();

        assertEquals(List.of(
                Piece.closed(1, 0, 100, 60),
                Piece.closed(2, 0, 120, 120),
                Piece.unclosed(0, 80)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldEmitTheRemainderOfAnOversoldExitAsAnUnmatchedPiece() throws Exception {
        fifo().feed(
                buy(0, OPEN, 100),
                sell(1, ONE_MINUTE_LATER, 250),
                sell(2, TWO_MINUTES_LATER, 40)).endOfDay();

        assertEquals(List.of(
                Piece.closed(1, 0, 100, 60),
                Piece.unmatched(1, 150),
                Piece.unmatched(2, 40)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldReopenAfterThePositionWentFlat() throws Exception {
        fifo().feed(
                buy(0, OPEN, 100),
                sell(1, ONE_MINUTE_LATER, 100),
                buy(2, TWO_MINUTES_LATER, 70),
                sell(3, FIVE_MINUTES_LATER, 50)).endOfDay();

        assertEquals(List.of(
                Piece.closed(1, 0, 100, 60),
                Piece.closed(3, 2, 50, 180),
                Piece.unclosed(2, 20)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldLeaveUnclosedLotsAsPiecesOfTheirEntryRows() throws Exception {
        VizRow first = trade(0, SYMBOL, "B", 100, 10.25, OPEN);
        VizRow second = trade(1, SYMBOL, "B", 50, 10.75, ONE_MINUTE_LATER);
        fifo().feed(first, second).endOfDay();

        List<VizRow> out = day.output();
        assertEquals(List.of(Piece.unclosed(0, 100), Piece.unclosed(1, 50)), pieces(out));
        for (int i = 0; i < 2; i++) {
            VizRow source = i == 0 ? first : second;
            for (int c = 0; c < Trades.SCHEMA.size(); c++) {
                assertEquals(source.get(c, Trades.SCHEMA.type(c)), out.get(i).get(c, Trades.SCHEMA.type(c)),
                        "column " + Trades.SCHEMA.name(c) + " of the entry row");
            }
        }
        assertNothingLeftBehind();
    }

    /**
     * With forward returns before it, as in a job, FIFO is handed every row in the one row object
     * the forward-return window reuses: the lots left open must come out as their own entry rows
     * (prices, times, returns), not as whatever row came last.
     */
    @Test
    void shouldLeaveUnclosedLotsAsTheirOwnEntryRowsBehindForwardReturns() throws Exception {
        day = new SymbolDayHarness(Trades.SCHEMA, new ForwardReturns(new long[] {60}, null, "price", CN_DAY),
                List.of(), FifoMatch.of("side", "qty", "price"));
        day.feedBlock(
                trade(0, SYMBOL, "B", 100, 10.00, OPEN),
                trade(1, SYMBOL, "B", 50, 10.50, ONE_MINUTE_LATER),
                trade(2, SYMBOL, "S", 30, 11.00, TWO_MINUTES_LATER),
                trade(3, SYMBOL, "B", 20, 12.00, FIVE_MINUTES_LATER)).endOfDay();

        List<VizRow> out = day.output();
        assertEquals(List.of(
                Piece.closed(2, 0, 30, 120),
                Piece.unclosed(0, 70), Piece.unclosed(1, 50), Piece.unclosed(3, 20)), pieces(out));
        int price = Trades.SCHEMA.indexOf("price");
        int elapsed = Trades.ELAPSED;
        int ret = day.column(ForwardReturns.column(60));
        assertEquals(List.of(11.0, 10.0, 10.5, 12.0), out.stream().map(r -> r.getDouble(price)).collect(Collectors.toList()));
        assertEquals(List.of(TWO_MINUTES_LATER, OPEN, ONE_MINUTE_LATER, FIVE_MINUTES_LATER),
                out.stream().map(r -> r.getLong(elapsed)).collect(Collectors.toList()));
        assertEquals(10.50 / 10.00 - 1, out.get(1).getDouble(ret), 1e-15);
        assertEquals(11.00 / 10.50 - 1, out.get(2).getDouble(ret), 1e-15);
        assertEquals(0.0, out.get(3).getDouble(ret)); // no later row: its own price
        assertNothingLeftBehind();
    }

    @Test
    void shouldCarryAllColumnsOfTheExitRowOntoItsPieces() throws Exception {
        VizRow exit = trade(2, SYMBOL, "S", 250, 11.5, FIVE_MINUTES_LATER);
        fifo().feed(buy(0, OPEN, 100), exit).endOfDay();

        List<VizRow> out = day.output();
        assertEquals(2, out.size());
        for (VizRow piece : out) {
            for (int c = 0; c < Trades.SCHEMA.size(); c++) {
                assertEquals(exit.get(c, Trades.SCHEMA.type(c)), piece.get(c, Trades.SCHEMA.type(c)),
                        "column " + Trades.SCHEMA.name(c));
            }
        }
    }

    @Test
    void shouldCloseTheLowerRowIdFirstWhenEntriesTieInTime() throws Exception {
        fifo().feed(
                buy(3, ONE_MINUTE_LATER, 100),
                buy(4, ONE_MINUTE_LATER, 100),
                sell(5, ONE_MINUTE_LATER, 150)).endOfDay();

        assertEquals(List.of(
                Piece.closed(5, 3, 100, 0),
                Piece.closed(5, 4, 50, 0),
                Piece.unclosed(4, 50)), pieces());
    }

    @Test
    void shouldAddUpTheMatchedQuantitiesOfAnExitToItsQuantity() throws Exception {
        fifo().feed(
                buy(0, OPEN, 30),
                buy(1, OPEN, 45),
                buy(2, ONE_MINUTE_LATER, 25),
                sell(3, FIVE_MINUTES_LATER, 137)).endOfDay();

        long matched = pieces().stream().filter(p -> p.rowId() == 3).mapToLong(Piece::matchedQty).sum();
        assertEquals(137, matched);
    }

    @Test
    void shouldConserveQuantitiesOverARandomDay() throws Exception {
        Random random = new Random(20240102L);
        List<VizRow> rows = new ArrayList<>();
        Map<Long, Long> exitQty = new HashMap<>();
        Map<Long, Long> entryQtyBySymbol = new HashMap<>();
        long[] clock = {OPEN, OPEN};
        for (long rowId = 0; rowId < 2_000; rowId++) {
            int s = random.nextInt(2);
            long symbol = s == 0 ? SYMBOL : OTHER_SYMBOL;
            clock[s] += random.nextInt(4); // ties in time are frequent
            boolean entry = random.nextInt(100) < 52;
            long qty = 1 + random.nextInt(500);
            rows.add(trade(rowId, symbol, entry ? "B" : "S", qty, 10.0, clock[s]));
            if (entry) {
                entryQtyBySymbol.merge(symbol, qty, Long::sum);
            } else {
                exitQty.put(rowId, qty);
            }
        }
        fifo().feed(rows).endOfDay();

        List<VizRow> out = day.output();
        List<Piece> pieces = pieces(out);
        Map<Long, Long> matchedByExit = pieces.stream()
                .filter(p -> exitQty.containsKey(p.rowId()))
                .collect(Collectors.groupingBy(Piece::rowId, Collectors.summingLong(Piece::matchedQty)));
        assertEquals(exitQty, matchedByExit, "each exit's pieces add up to its quantity");

        for (long symbol : new long[] {SYMBOL, OTHER_SYMBOL}) {
            long closed = 0;
            long unclosed = 0;
            long previousEntry = -1;
            for (int i = 0; i < out.size(); i++) {
                Piece p = pieces.get(i);
                if (out.get(i).getLong(Trades.UKEY) != symbol) continue;
                if (p.isClosed()) {
                    closed += p.matchedQty();
                    assertTrue(p.matchedEntryId() >= previousEntry, "lots close oldest first");
                    previousEntry = p.matchedEntryId();
                    assertTrue(p.holdingPeriod() >= 0);
                } else if (p.matchedEntryId() != null) {
                    assertEquals(p.rowId(), p.matchedEntryId().longValue());
                    unclosed += p.matchedQty();
                }
            }
            assertEquals(entryQtyBySymbol.get(symbol).longValue(), closed + unclosed,
                    "entries of " + symbol + " = closed + unclosed");
        }
        assertEquals(out.size(), day.emittedRows());
        assertNothingLeftBehind();
    }

    @ParameterizedTest(name = "in stretches of a file: {0}, rows out of time order within them: {1}")
    @CsvSource({"false, false", "true, false", "true, true"})
    void shouldMatchAReferenceFifoOverARandomDay(boolean inStretches, boolean outOfOrder) throws Exception {
        Random random = new Random(42L);
        List<VizRow> rows = new ArrayList<>();
        long[] clock = {OPEN, OPEN};
        for (long rowId = 0; rowId < 3_000; rowId++) {
            int s = random.nextInt(2);
            clock[s] += random.nextInt(3);
            rows.add(trade(rowId, s == 0 ? SYMBOL : OTHER_SYMBOL, random.nextInt(100) < 50 ? "B" : "S",
                    1 + random.nextInt(300), 10.0, clock[s]));
        }

        ReferenceFifo reference = new ReferenceFifo(rows);
        List<Piece> duringTheDay = reference.duringTheDay;
        List<Piece> atTheEnd = reference.atTheEnd();

        fifo();
        if (outOfOrder) {
            // a file not in time order: each stretch's rows shuffled, so its blocks are sorted first
            List<VizRow> shuffled = new ArrayList<>(rows);
            for (int i = 0; i < shuffled.size(); i += 100) {
                Collections.shuffle(shuffled.subList(i, Math.min(shuffled.size(), i + 100)), random);
            }
            day.feedInStretches(shuffled, random, 200).endOfDay();
            assertTrue(day.sortedRuns() > 0, "blocks out of time order are sorted");
        } else if (inStretches) {
            day.feedInStretches(rows, random, 200).endOfDay();
            assertEquals(0L, day.sortedRuns(), "rows in time order are never sorted");
        } else {
            day.feed(rows).endOfDay();
        }
        List<Piece> all = pieces();
        // each symbol's pieces come in its own row order; symbols come one after another
        List<Piece> closing = new ArrayList<>(all.stream().filter(p -> p.isClosed() || p.matchedEntryId() == null).toList());
        closing.sort(java.util.Comparator.comparingLong(Piece::rowId));
        assertEquals(duringTheDay, closing);
        List<Piece> unclosed = new ArrayList<>(all.stream().filter(p -> !p.isClosed() && p.matchedEntryId() != null).toList());
        unclosed.sort(java.util.Comparator.comparingLong(Piece::rowId));
        atTheEnd.sort(java.util.Comparator.comparingLong(Piece::rowId));
        assertEquals(atTheEnd, unclosed);
        assertNothingLeftBehind();
    }

    @Test
    void shouldStartTheNextSymbolsDayWithNoLotAndNoPriceOfTheOneBefore() throws Exception {
        // BATCH execution ends a symbol's day before the next symbol's rows come, and the stage
        // reuses the ended day's lots and window for the next: they must come empty. With horizons
        // 0 and 600 s the first symbol's window still holds all three of its prices at its end
        day = new SymbolDayHarness(Trades.SCHEMA, new ForwardReturns(new long[] {0, 600}, null, "price", CN_DAY),
                List.of(), FifoMatch.of("side", "qty", "price"));
        day.feed(trade(0, SYMBOL, "B", 100, 10.0, OPEN), trade(1, SYMBOL, "B", 50, 20.0, OPEN + 100),
                trade(2, SYMBOL, "S", 30, 30.0, TWO_MINUTES_LATER)).endOfDay();
        assertEquals(List.of(Piece.unclosed(0, 70), Piece.unclosed(1, 50), Piece.closed(2, 0, 30, 120)),
                pieces().stream().sorted(java.util.Comparator.comparingLong(Piece::rowId)).toList());
        int before = day.output().size();

        day.feed(trade(3, OTHER_SYMBOL, "S", 80, 5.0, OPEN + 10), trade(4, OTHER_SYMBOL, "B", 10, 6.0, OPEN + 70))
                .endOfDay();
        List<VizRow> other = day.output().subList(before, day.output().size());
        assertEquals(List.of(Piece.unmatched(3, 80), Piece.unclosed(4, 10)), pieces(other),
                "the sell finds none of the symbol before's lots");
        for (String column : List.of("return_0", "return_600")) {
            int c = day.column(column);
            List<Double> expected = column.equals("return_0") ? List.of(0.0, 0.0) : List.of(6.0 / 5.0 - 1, 0.0);
            assertEquals(expected, other.stream().map(r -> r.isNull(c) ? null : r.getDouble(c)).toList(),
                    column + ": its own prices, none of the symbol before's");
        }
        assertNothingLeftBehind();
    }

    @Test
    void shouldCopyTheTagsOfARowOntoEveryPieceOfIt() throws Exception {
        List<TagRule> tags = List.of(TagCondition.of("is_large", "qty > 150"), TagRunning.of("trade_count", "count"));
        day = SymbolDayHarness.fifo(tags, FifoMatch.of("side", "qty", "price"));
        day.feed(
                buy(0, OPEN, 100),
                buy(1, ONE_MINUTE_LATER, 200),
                sell(2, FIVE_MINUTES_LATER, 250)).endOfDay();

        List<VizRow> out = day.output();
        assertEquals(List.of(
                Piece.closed(2, 0, 100, 300),
                Piece.closed(2, 1, 150, 240),
                Piece.unclosed(1, 50)), pieces(out));
        int isLarge = day.column("is_large");
        int count = day.column("trade_count");
        assertEquals(List.of(true, true, true), out.stream().map(r -> r.getBoolean(isLarge)).toList());
        assertEquals(List.of(3L, 3L, 2L), out.stream().map(r -> r.getLong(count)).toList(),
                "the unclosed piece carries its entry row's running count");
        assertNothingLeftBehind();
    }

    @Test
    void shouldRefuseASideThatIsNeitherEntryNorExitNamingColumnAndRow() throws Exception {
        fifo().feed(buy(0, OPEN, 100));

        BadInputException e = assertThrows(BadInputException.class,
                () -> day.feed(trade(7, SYMBOL, "X", 100, 10.0, ONE_MINUTE_LATER)).endOfDay());

        assertTrue(e.getMessage().contains("fills_20240102.feather"), e.getMessage());
        assertTrue(e.getMessage().contains("'side'"), e.getMessage());
        assertTrue(e.getMessage().contains("row 7"), e.getMessage());
        assertTrue(e.getMessage().contains("'X'"), e.getMessage());
    }

    @Test
    void shouldTellSidesByValueWhateverStringObjectsTheyComeIn() throws Exception {
        fifo();
        day.feed(trade(0, SYMBOL, new String("B"), 100, 10.0, OPEN));
        day.feed(trade(1, SYMBOL, new String("S"), 40, 10.0, ONE_MINUTE_LATER));
        day.feed(trade(2, SYMBOL, new String("B"), 100, 10.0, TWO_MINUTES_LATER));
        day.feed(trade(3, SYMBOL, new String("S"), 100, 10.0, FIVE_MINUTES_LATER)).endOfDay();
        assertEquals(List.of(
                Piece.closed(1, 0, 40, 60),
                Piece.closed(3, 0, 60, 300),
                Piece.closed(3, 2, 40, 180),
                Piece.unclosed(2, 60)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldRefuseANullSide() throws Exception {
        fifo();
        BadInputException e = assertThrows(BadInputException.class,
                () -> day.feed(trade(4, SYMBOL, null, 100, 10.0, OPEN)).endOfDay());
        assertTrue(e.getMessage().contains("'side'") && e.getMessage().contains("row 4"), e.getMessage());
    }

    @Test
    void shouldRefuseANonPositiveQuantityNamingColumnAndRow() throws Exception {
        fifo();
        BadInputException zero = assertThrows(BadInputException.class, () -> day.feed(buy(5, OPEN, 0)).endOfDay());
        assertTrue(zero.getMessage().contains("'qty'") && zero.getMessage().contains("row 5"), zero.getMessage());

        day.close();
        fifo();
        BadInputException negative = assertThrows(BadInputException.class,
                () -> day.feed(sell(6, OPEN, -10)).endOfDay());
        assertTrue(negative.getMessage().contains("'qty'") && negative.getMessage().contains("row 6")
                && negative.getMessage().contains("-10"), negative.getMessage());
    }

    @Test
    void shouldRefuseANullQuantity() throws Exception {
        fifo();
        VizRow row = buy(8, OPEN, 1).setNull(Trades.QTY);
        BadInputException e = assertThrows(BadInputException.class, () -> day.feed(row).endOfDay());
        assertTrue(e.getMessage().contains("'qty'") && e.getMessage().contains("row 8"), e.getMessage());
    }

    @Test
    void shouldKeepSeparateLotsPerSymbol() throws Exception {
        fifo().feed(
                trade(0, SYMBOL, "B", 100, 10.0, OPEN),
                trade(1, OTHER_SYMBOL, "S", 100, 20.0, ONE_MINUTE_LATER),
                trade(2, OTHER_SYMBOL, "B", 30, 20.0, TWO_MINUTES_LATER),
                trade(3, SYMBOL, "S", 40, 10.0, FIVE_MINUTES_LATER)).endOfDay();

        List<Piece> pieces = pieces();
        assertEquals(4, pieces.size());
        assertTrue(pieces.containsAll(List.of(Piece.unmatched(1, 100), Piece.closed(3, 0, 40, 300),
                Piece.unclosed(0, 60), Piece.unclosed(2, 30))), pieces.toString());
        assertTrue(pieces.indexOf(Piece.closed(3, 0, 40, 300)) < pieces.indexOf(Piece.unclosed(0, 60)),
                "a symbol's pieces come in its own order: " + pieces);
        assertNothingLeftBehind();
    }

    @Test
    void shouldOpenLotsOnTheConfiguredEntrySide() throws Exception {
        day = SymbolDayHarness.fifo(new FifoMatch("side", "qty", "price", "S", "B"));
        day.feed(
                sell(0, OPEN, 100),
                buy(1, ONE_MINUTE_LATER, 60)).endOfDay();

        assertEquals(List.of(Piece.closed(1, 0, 60, 60), Piece.unclosed(0, 40)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldLeaveNoStateForASymbolWithOnlyExits() throws Exception {
        fifo().feed(sell(0, OPEN, 10)).endOfDay();

        assertEquals(List.of(Piece.unmatched(0, 10)), pieces());
        assertNothingLeftBehind();
    }

    @Test
    void shouldLeaveNoPhantomLotWhenFractionalQuantitiesGoFlat() throws Exception {
        RowSchema fractional = RowSchema.empty()
                .with("row_id", ColumnType.LONG)
                .with("ukey", ColumnType.LONG)
                .with("side", ColumnType.STRING)
                .with("qty", ColumnType.DOUBLE)
                .with("price", ColumnType.DOUBLE)
                .with("elapsed_seconds", ColumnType.LONG);
        day = new SymbolDayHarness(fractional, null, List.of(), FifoMatch.of("side", "qty", "price"));
        day.feed(
                coin(0, "B", 0.1, OPEN),
                coin(1, "B", 0.2, ONE_MINUTE_LATER),
                coin(2, "S", 0.3, FIVE_MINUTES_LATER)).endOfDay();

        List<VizRow> out = day.output();
        int closed = day.column(FifoMatch.IS_CLOSED);
        int qty = day.column(FifoMatch.MATCHED_QTY);
        assertEquals(2, out.size(), "0.1 + 0.2 bought and 0.3 sold is flat: two closed pieces, no unclosed lot; got "
                + out.stream().map(r -> r.getLong(0) + ":" + r.getDouble(qty) + ":" + r.getBoolean(closed)).toList());
        assertTrue(out.stream().allMatch(r -> r.getBoolean(closed)));
    }

    private static VizRow coin(long rowId, String side, double qty, long elapsed) {
        return new VizRow(6).setLong(0, rowId).setLong(1, SYMBOL).setString(2, side).setDouble(3, qty)
                .setDouble(4, 42_000.0).setLong(5, elapsed);
    }
}
