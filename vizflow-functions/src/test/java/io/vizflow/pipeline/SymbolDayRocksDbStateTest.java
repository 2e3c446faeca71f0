package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.CN_DAY;
import static io.vizflow.pipeline.Trades.FIVE_MINUTES_LATER;
import static io.vizflow.pipeline.Trades.ONE_MINUTE_LATER;
import static io.vizflow.pipeline.Trades.OPEN;
import static io.vizflow.pipeline.Trades.buy;
import static io.vizflow.pipeline.Trades.sell;
import static io.vizflow.pipeline.Trades.tick;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vizflow.enrich.FifoMatch;
import io.vizflow.enrich.TagRunning;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.VizRow;

import org.apache.flink.state.rocksdb.EmbeddedRocksDBStateBackend;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;

/**
 * The per-symbol steps keep their state through Flink's state API, so they must also be right
 * with a state backend that serializes on every access (RocksDB), as in STREAMING execution:
 * a state object changed after {@code value()} must be written back with {@code update()}.
 * (The harness cannot count RocksDB state entries; the heap tests check nothing is left behind.)
 */
class SymbolDayRocksDbStateTest {

    private SymbolDayHarness day;

    @AfterEach
    void close() throws Exception {
        if (day != null) day.close();
    }

    @Test
    void shouldKeepOpenLotsInASerializingStateBackend() throws Exception {
        day = new SymbolDayHarness(Trades.SCHEMA, null, List.of(), FifoMatch.of("side", "qty", "price"),
                new EmbeddedRocksDBStateBackend());
        day.feed(
                buy(0, OPEN, 100),
                buy(1, ONE_MINUTE_LATER, 200),
                sell(2, FIVE_MINUTES_LATER, 250)).endOfDay();

        int entry = day.column(FifoMatch.MATCHED_ENTRY_ID);
        int qty = day.column(FifoMatch.MATCHED_QTY);
        List<String> pieces = day.output().stream()
                .map(r -> r.getLong(Trades.ROW_ID) + "<-" + r.get(entry, day.output.type(entry)) + ":" + r.getLong(qty))
                .toList();
        assertEquals(List.of("2<-0:100", "2<-1:150", "1<-1:50"), pieces);
    }

    @Test
    void shouldKeepPendingRowsInASerializingStateBackend() throws Exception {
        day = new SymbolDayHarness(Trades.SCHEMA, new ForwardReturns(new long[] {60}, null, "price", CN_DAY),
                List.of(), null, new EmbeddedRocksDBStateBackend());
        day.feed(
                tick(0, OPEN, 10.0),
                tick(1, ONE_MINUTE_LATER, 11.0)).endOfDay();

        List<VizRow> out = day.output();
        assertEquals(2, out.size(), "every input row comes out");
        assertEquals(11.0 / 10.0 - 1, out.get(0).getDouble(day.column("return_60")), 0.0);
    }

    @Test
    void shouldKeepRunningValuesInASerializingStateBackend() throws Exception {
        day = new SymbolDayHarness(Trades.SCHEMA, null, List.of(TagRunning.of("trade_count", "count")), null,
                new EmbeddedRocksDBStateBackend());
        day.feed(buy(0, OPEN, 1), buy(1, ONE_MINUTE_LATER, 1), buy(2, FIVE_MINUTES_LATER, 1)).endOfDay();

        int count = day.column("trade_count");
        assertEquals(List.of(1L, 2L, 3L), day.output().stream().map(r -> r.getLong(count)).toList());
    }
}
