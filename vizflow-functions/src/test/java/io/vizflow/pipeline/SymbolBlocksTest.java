package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.OTHER_SYMBOL;
import static io.vizflow.pipeline.Trades.SYMBOL;
import static io.vizflow.pipeline.Trades.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vizflow.row.BlockReader;
import io.vizflow.row.RowBlock;
import io.vizflow.row.VizRow;

import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.OneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

/** Grouping the source's rows into one block per symbol per stretch of consecutive rows. */
class SymbolBlocksTest {

    /** Each emitted block as (timestamp, symbol, row ids). */
    private static List<String> blocks(List<VizRow> rows, int rowsPerStretch) throws Exception {
        @SuppressWarnings("unchecked")
        SymbolKey<Object> key = (SymbolKey<Object>) SymbolKey.of(Trades.SCHEMA, "ukey");
        SymbolBlocks<Object> op = new SymbolBlocks<>(Trades.SCHEMA, key, Trades.ROW_ID, rowsPerStretch);
        List<String> out = new ArrayList<>();
        try (OneInputStreamOperatorTestHarness<VizRow, RowBlock> h = new OneInputStreamOperatorTestHarness<>(op)) {
            h.open();
            for (VizRow r : rows) h.processElement(r, 0);
            op.endInput();
            BlockReader reader = new BlockReader(Trades.SCHEMA);
            for (Object o : h.getOutput()) {
                @SuppressWarnings("unchecked")
                StreamRecord<RowBlock> rec = (StreamRecord<RowBlock>) o;
                List<Long> ids = new ArrayList<>();
                long symbol = -1;
                for (VizRow r : reader.read(rec.getValue())) {
                    ids.add(r.getLong(Trades.ROW_ID));
                    symbol = r.getLong(Trades.UKEY);
                }
                out.add(rec.getTimestamp() + " " + symbol + " " + ids);
            }
        }
        out.sort(null);
        return out;
    }

    @Test
    void shouldMakeOneBlockPerSymbolStampedWithItsFirstRowId() throws Exception {
        List<VizRow> rows = List.of(trade(0, SYMBOL, "B", 1, 10.0, 0), trade(1, OTHER_SYMBOL, "B", 1, 20.0, 0),
                trade(2, SYMBOL, "S", 1, 10.0, 1), trade(3, SYMBOL, "B", 1, 10.0, 2));

        assertEquals(List.of("0 " + SYMBOL + " [0, 2, 3]", "1 " + OTHER_SYMBOL + " [1]"), blocks(rows, 100));
    }

    @Test
    void shouldEndAStretchAtItsSizeAndWhereRowIdsJump() throws Exception {
        List<VizRow> rows = List.of(trade(0, SYMBOL, "B", 1, 10.0, 0), trade(1, SYMBOL, "B", 1, 10.0, 0),
                trade(2, SYMBOL, "B", 1, 10.0, 0), // a stretch of 2 rows ends here
                trade(50, SYMBOL, "B", 1, 10.0, 5), // another split: never in the same block as row 2
                trade(51, SYMBOL, "B", 1, 10.0, 5));

        assertEquals(List.of("0 " + SYMBOL + " [0, 1]", "2 " + SYMBOL + " [2]", "50 " + SYMBOL + " [50, 51]"),
                blocks(rows, 2));
    }
}
