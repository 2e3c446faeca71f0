package io.vizflow.returns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;

import org.junit.jupiter.api.Test;

/**
 * Plain logic of {@link ForwardReturns}: its columns and what it refuses. The returns themselves are
 * checked in the keyed operator ({@code io.vizflow.pipeline.SymbolDayForwardReturnsTest}).
 */
class ForwardReturnsTest {
    private static final long CN_DAY = 14_400;
    private static final RowSchema FILLS = RowSchema.empty()
            .with("row_id", ColumnType.LONG)
            .with("mid", ColumnType.DOUBLE)
            .with("qty", ColumnType.LONG)
            .with("elapsed_seconds", ColumnType.LONG);

    @Test
    void shouldNameItsColumnsAfterTheHorizons() {
        assertEquals("return_60", ForwardReturns.column(60));
        RowSchema out = new ForwardReturns(new long[] {600, 60}, null, "mid", CN_DAY).bind(FILLS);
        assertEquals(FILLS.with("return_600", ColumnType.DOUBLE).with("return_60", ColumnType.DOUBLE), out);
    }

    @Test
    void shouldRefuseNegativeOrMissingHorizonsAndANegativeTolerance() {
        assertThrows(IllegalArgumentException.class, () -> new ForwardReturns(new long[] {-1}, null, "mid", CN_DAY));
        assertThrows(IllegalArgumentException.class, () -> new ForwardReturns(new long[0], null, "mid", CN_DAY));
        assertThrows(IllegalArgumentException.class, () -> new ForwardReturns(new long[] {60}, -1L, "mid", CN_DAY));
    }

    @Test
    void shouldRefuseAPriceColumnThatIsMissingOrNotReal() {
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> new ForwardReturns(new long[] {60}, null, "price", CN_DAY).bind(FILLS));
        assertTrue(missing.getMessage().contains("'price'"), missing.getMessage());

        IllegalArgumentException notReal = assertThrows(IllegalArgumentException.class,
                () -> new ForwardReturns(new long[] {60}, null, "qty", CN_DAY).bind(FILLS));
        assertTrue(notReal.getMessage().contains("'qty'"), notReal.getMessage());
    }

    @Test
    void shouldNeedElapsedSeconds() {
        RowSchema raw = RowSchema.empty().with("mid", ColumnType.DOUBLE);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ForwardReturns(new long[] {60}, null, "mid", CN_DAY).bind(raw));
        assertTrue(e.getMessage().contains("elapsed_seconds"), e.getMessage());
    }
}
