package io.vizflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;

import org.junit.jupiter.api.Test;

/**
 * What {@link FifoMatch} adds and refuses when it binds to the columns. The matching itself runs
 * in the keyed operator ({@code io.vizflow.pipeline.SymbolDayFifoTest}).
 */
class FifoMatchTest {
    private static final RowSchema FILLS = RowSchema.empty()
            .with("row_id", ColumnType.LONG)
            .with("side", ColumnType.STRING)
            .with("qty", ColumnType.DOUBLE)
            .with("price", ColumnType.DOUBLE)
            .with("venue", ColumnType.STRING)
            .with("elapsed_seconds", ColumnType.LONG);

    private static String bindError(FifoMatch fifo, RowSchema schema) {
        return assertThrows(IllegalArgumentException.class, () -> fifo.bind(schema)).getMessage();
    }

    @Test
    void shouldAppendTheMatchColumnsWithTheQuantitysType() {
        assertEquals(FILLS
                .with("matched_entry_id", ColumnType.LONG)
                .with("matched_qty", ColumnType.DOUBLE)
                .with("holding_period", ColumnType.LONG)
                .with("is_closed", ColumnType.BOOLEAN), FifoMatch.of("side", "qty", "price").bind(FILLS));
    }

    @Test
    void shouldRefuseTheSameEntryAndExitSide() {
        assertThrows(IllegalArgumentException.class, () -> new FifoMatch("side", "qty", "price", "B", "B"));
    }

    @Test
    void shouldRefuseANegativeNumberOfEntryRowsKept() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> FifoMatch.of("side", "qty", "price").keepingEntryRows(-1)).getMessage();
        assertTrue(message.contains("-1"), message);
    }

    @Test
    void shouldDefaultToBuyingOpensAndSellingCloses() {
        assertThrows(IllegalArgumentException.class, () -> new FifoMatch("side", "qty", "price", null, "B"));
        assertThrows(IllegalArgumentException.class, () -> new FifoMatch("side", "qty", "price", "S", null));
    }

    @Test
    void shouldNameTheSectionAndTheColumnOfABadBinding() {
        String unknownSide = bindError(FifoMatch.of("direction", "qty", "price"), FILLS);
        assertTrue(unknownSide.startsWith("enrich.fifo") && unknownSide.contains("direction"), unknownSide);

        String textQty = bindError(FifoMatch.of("side", "venue", "price"), FILLS);
        assertTrue(textQty.startsWith("enrich.fifo") && textQty.contains("venue"), textQty);

        String numericSide = bindError(FifoMatch.of("qty", "qty", "price"), FILLS);
        assertTrue(numericSide.startsWith("enrich.fifo") && numericSide.contains("qty"), numericSide);

        String noPrice = bindError(FifoMatch.of("side", "qty", "mid"), FILLS);
        assertTrue(noPrice.startsWith("enrich.fifo") && noPrice.contains("mid"), noPrice);
    }

    @Test
    void shouldNeedRowIdsAndElapsedSeconds() {
        RowSchema raw = RowSchema.empty()
                .with("side", ColumnType.STRING)
                .with("qty", ColumnType.LONG)
                .with("price", ColumnType.DOUBLE);
        String message = bindError(FifoMatch.of("side", "qty", "price"), raw);
        assertTrue(message.contains("elapsed_seconds") || message.contains("row_id"), message);
    }
}
