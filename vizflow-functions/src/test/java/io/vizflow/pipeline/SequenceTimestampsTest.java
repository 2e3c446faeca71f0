package io.vizflow.pipeline;

import static io.vizflow.pipeline.Trades.CLOSE;
import static io.vizflow.pipeline.Trades.ONE_MINUTE_LATER;
import static io.vizflow.pipeline.Trades.OPEN;
import static io.vizflow.pipeline.Trades.SYMBOL;
import static io.vizflow.pipeline.Trades.buy;
import static io.vizflow.pipeline.Trades.trade;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.typeinfo.Types;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** The record timestamps that make BATCH execution sort by {@code (elapsed_seconds, row_id)}, and the symbol key. */
class SequenceTimestampsTest {
    private static final SequenceTimestamps TIMESTAMPS = new SequenceTimestamps(Trades.ELAPSED, Trades.ROW_ID);
    private static final long LARGEST_ROW_ID = (1L << SequenceTimestamps.ROW_ID_BITS) - 1;

    private static long stamp(VizRow row) {
        return TIMESTAMPS.extractTimestamp(row, Long.MIN_VALUE);
    }

    @Test
    void shouldOrderByElapsedSecondsThenRowId() {
        List<VizRow> rows = new ArrayList<>(List.of(
                buy(9, ONE_MINUTE_LATER, 1),
                buy(2, ONE_MINUTE_LATER, 1),
                buy(LARGEST_ROW_ID, OPEN, 1),
                buy(0, CLOSE, 1),
                buy(5, OPEN, 1)));

        rows.sort(Comparator.comparingLong(SequenceTimestampsTest::stamp));

        assertEquals(List.of(5L, LARGEST_ROW_ID, 2L, 9L, 0L), rows.stream().map(r -> r.getLong(Trades.ROW_ID)).toList());
    }

    @Test
    void shouldKeepBothPartsRecoverable() {
        long ts = stamp(buy(123_456, CLOSE, 1));
        assertEquals(CLOSE, ts >>> SequenceTimestamps.ROW_ID_BITS);
        assertEquals(123_456L, ts & LARGEST_ROW_ID);
        assertTrue(stamp(buy(LARGEST_ROW_ID, CLOSE, 1)) > 0, "a day's stamps stay positive");
    }

    @Test
    void shouldRefuseARowIdThatDoesNotFit() {
        assertThrows(IllegalStateException.class, () -> stamp(buy(LARGEST_ROW_ID + 1, OPEN, 1)));
    }

    @Test
    void shouldKeyByAnInt64OrTextSymbol() throws Exception {
        SymbolKey<?> longKey = SymbolKey.of(Trades.SCHEMA, "ukey");
        assertEquals(Types.LONG, longKey.type());
        assertEquals(SYMBOL, longKey.getKey(buy(0, OPEN, 1)));

        RowSchema textual = RowSchema.empty().with("row_id", ColumnType.LONG).with("code", ColumnType.STRING);
        SymbolKey<?> textKey = SymbolKey.of(textual, "code");
        assertEquals(Types.STRING, textKey.type());
        assertEquals("600519.SH", textKey.getKey(new VizRow(2).setLong(0, 0).setString(1, "600519.SH")));
    }

    @Test
    void shouldRefuseANullSymbolNamingTheColumn() {
        SymbolKey<?> key = SymbolKey.of(Trades.SCHEMA, "ukey");
        VizRow row = trade(0, SYMBOL, "B", 1, 1.0, OPEN).setNull(Trades.UKEY);
        BadInputException e = assertThrows(BadInputException.class, () -> key.getKey(row));
        assertTrue(e.getMessage().contains("'ukey'"), e.getMessage());
    }

    @Test
    void shouldRefuseARealSymbolColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SymbolKey.of(Trades.SCHEMA, "price"));
        assertTrue(e.getMessage().contains("'price'"), e.getMessage());
    }
}
