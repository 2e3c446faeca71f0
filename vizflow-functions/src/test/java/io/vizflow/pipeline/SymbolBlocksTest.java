package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.OTHER_SYMBOL;
import static io.vizflow.pipeline.Trades.SYMBOL;
import static io.vizflow.pipeline.Trades.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import io.vizflow.row.BlockReader;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowBlock;
import io.vizflow.row.VizRow;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Grouping the source's rows into one block per symbol per stretch of consecutive rows. */
class SymbolBlocksTest {

    /** Each emitted block as (timestamp as (time, row id), symbol, row ids, whether in order). */
    private static List<String> blocks(List<VizRow> rows, int rowsPerStretch) throws Exception {
        return blocks(rows, rowsPerStretch, SymbolBlocks.ROWS_PER_CHUNK, null);
    }

    /** As {@link #blocks(List, int)}, in chunks of {@code rowsPerChunk}; each block's rows also into {@code decoded}. */
    private static List<String> blocks(List<VizRow> rows, int rowsPerStretch, int rowsPerChunk, List<VizRow> decoded)
            throws Exception {
        @SuppressWarnings("unchecked")
        SymbolKey<Object> key = (SymbolKey<Object>) SymbolKey.of(Trades.SCHEMA, "ukey");
        SymbolBlocks<Object> op = new SymbolBlocks<>(Trades.SCHEMA, key, Trades.ELAPSED, Trades.ROW_ID, rowsPerStretch,
                rowsPerChunk);
        List<String> out = new ArrayList<>();
        try (OneInputStreamOperatorTestHarness<ColumnBatch, RowBlock> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            for (int i = 0; i < rows.size(); i += 3) { // batches of 3 rows: stretches and blocks go across them
                h.processElement(ColumnBatch.of(Trades.SCHEMA,
                        rows.subList(i, Math.min(rows.size(), i + 3)).toArray(new VizRow[0])), 0);
            }
            op.endInput();
            BlockReader reader = new BlockReader(Trades.SCHEMA);
            for (Object o : h.getOutput()) {
                @SuppressWarnings("unchecked")
                StreamRecord<RowBlock> rec = (StreamRecord<RowBlock>) o;
                List<Long> ids = new ArrayList<>();
                long symbol = -1;
                for (VizRow r : reader.read(rec.getValue())) {
                    if (decoded != null) decoded.add(r);
                    ids.add(r.getLong(Trades.ROW_ID));
                    symbol = r.getLong(Trades.UKEY);
                }
                RowBlock b = rec.getValue();
                assertEquals(b.minOrderKey(), rec.getTimestamp(), "a block is stamped with its smallest order key");
                out.add(key(rec.getTimestamp()) + " " + symbol + " " + ids + (b.inOrder() ? "" : " unordered")
                        + " to " + key(b.maxOrderKey()));
            }
        }
        out.sort(null);
        return out;
    }

    /** An order key back as (time, row id). */
    private static String key(long orderKey) {
        return "(" + (orderKey >>> 40) + "," + (orderKey & ((1L << 40) - 1)) + ")";
    }

    @Test
    void shouldMakeOneBlockPerSymbolStampedWithItsEarliestRow() throws Exception {
        List<VizRow> rows = List.of(trade(0, SYMBOL, "B", 1, 10.0, 0), trade(1, OTHER_SYMBOL, "B", 1, 20.0, 0),
                trade(2, SYMBOL, "S", 1, 10.0, 1), trade(3, SYMBOL, "B", 1, 10.0, 2));

        assertEquals(List.of("(0,0) " + SYMBOL + " [0, 2, 3] to (2,3)", "(0,1) " + OTHER_SYMBOL + " [1] to (0,1)"),
                blocks(rows, 100));
    }

    @Test
    void shouldStampABlockNotInTimeOrderWithItsEarliestRowAndSaySo() throws Exception {
        List<VizRow> rows = List.of(trade(0, SYMBOL, "B", 1, 10.0, 30), trade(1, SYMBOL, "B", 1, 10.0, 7),
                trade(2, SYMBOL, "S", 1, 10.0, 90), trade(3, OTHER_SYMBOL, "B", 1, 20.0, 5),
                trade(4, OTHER_SYMBOL, "B", 1, 20.0, 5));

        assertEquals(List.of("(5,3) " + OTHER_SYMBOL + " [3, 4] to (5,4)",
                "(7,1) " + SYMBOL + " [0, 1, 2] unordered to (90,2)"), blocks(rows, 100));
    }

    @Test
    void shouldRefuseARowWithoutASymbolNamingTheColumn() throws Exception {
        VizRow noSymbol = trade(1, SYMBOL, "B", 1, 10.0, 0).setNull(Trades.UKEY);
        @SuppressWarnings("unchecked")
        SymbolKey<Object> key = (SymbolKey<Object>) SymbolKey.of(Trades.SCHEMA, "ukey");
        SymbolBlocks<Object> op = new SymbolBlocks<>(Trades.SCHEMA, key, Trades.ELAPSED, Trades.ROW_ID, 100, 100);
        try (OneInputStreamOperatorTestHarness<ColumnBatch, RowBlock> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            ColumnBatch batch = ColumnBatch.of(Trades.SCHEMA, trade(0, SYMBOL, "B", 1, 10.0, 0), noSymbol);
            BadInputException e = assertThrows(BadInputException.class, () -> h.processElement(batch, 0));
            assertTrue(e.getMessage().contains("'ukey'") && e.getMessage().contains("null symbol"), e.getMessage());
        }
    }

    @Test
    void shouldEndAStretchAtItsSizeAndWhereRowIdsJump() throws Exception {
        List<VizRow> rows = List.of(trade(0, SYMBOL, "B", 1, 10.0, 0), trade(1, SYMBOL, "B", 1, 10.0, 0),
                trade(2, SYMBOL, "B", 1, 10.0, 0), // a stretch of 2 rows ends here
                trade(50, SYMBOL, "B", 1, 10.0, 5), // another split: never in the same block as row 2
                trade(51, SYMBOL, "B", 1, 10.0, 5));

        assertEquals(List.of("(0,0) " + SYMBOL + " [0, 1] to (0,1)", "(0,2) " + SYMBOL + " [2] to (0,2)",
                "(5,50) " + SYMBOL + " [50, 51] to (5,51)"), blocks(rows, 2));
    }

    @Test
    void shouldMakeTheSameBlocksWhateverTheChunksTheRowsAreEncodedIn() throws Exception {
        List<VizRow> rows = new ArrayList<>();
        String[] sides = {"B", "S", "B", "Sell"};
        for (int i = 0; i < 40; i++) {
            long symbol = i % 3 == 0 ? SYMBOL : i % 3 == 1 ? OTHER_SYMBOL : 42;
            VizRow r = trade(i, symbol, sides[i % 4], 100 + i, i % 5 == 0 ? null : 10.0 + i * 0.01, i / 2);
            if (i % 7 == 3) r.setNull(Trades.SIDE);
            if (i % 11 == 4) r.setNull(Trades.QTY);
            rows.add(r);
        }
        rows.add(trade(90, SYMBOL, "B", 1, 9.5, 3)); // another split
        rows.add(trade(91, 42, "S", 1, 9.5, 1));

        List<VizRow> whole = new ArrayList<>();
        List<String> expected = blocks(rows, 16, 1000, whole);
        assertEquals(11, expected.size(), expected.toString()); // 3 symbols in each of 3 stretches (16, 16, 8 rows), 2 in the split
        whole.sort(Comparator.comparingLong(r -> r.getLong(Trades.ROW_ID)));
        assertEquals(rows, whole, "every value and null comes out of the blocks as it went in");
        for (int chunk : new int[] {1, 2, 5, 16}) {
            List<VizRow> decoded = new ArrayList<>();
            assertEquals(expected, blocks(rows, 16, chunk, decoded), "chunks of " + chunk);
            decoded.sort(Comparator.comparingLong(r -> r.getLong(Trades.ROW_ID)));
            assertEquals(rows, decoded, "chunks of " + chunk);
        }
    }

    @Test
    void shouldTakeFewerRowsAChunkTheWiderTheRows() {
        assertEquals(SymbolBlocks.ROWS_PER_CHUNK, SymbolBlocks.rowsPerChunk(6)); // Trades: 6 columns, 3 MB
        assertEquals(58_254, SymbolBlocks.rowsPerChunk(9)); // 4 MB of post-trade's shuffled columns
        assertEquals(5_242, SymbolBlocks.rowsPerChunk(100));
        assertEquals(1024, SymbolBlocks.rowsPerChunk(5000)); // never fewer
    }
}
