package io.vizflow.bin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.LinkedHashMap;
import java.util.Map;

/** {@code bin} (CONTRACT section 5): {@code col_bin = rint(x / width)}, half to even. */
class BinTest {
    private static final RowSchema ROWS = RowSchema.empty()
            .with("alpha1", ColumnType.DOUBLE)
            .with("elapsed_seconds", ColumnType.LONG)
            .with("side", ColumnType.STRING);
    private static final int ALPHA = 0;
    private static final int ELAPSED = 1;
    private static final double HALF_AN_HOUR = 1_800;

    private static Map<String, Double> widths(Object... colWidth) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (int i = 0; i < colWidth.length; i += 2) {
            m.put((String) colWidth[i], ((Number) colWidth[i + 1]).doubleValue());
        }
        return m;
    }

    private static VizRow row(Double alpha, Long elapsed) {
        VizRow r = new VizRow(ROWS.size()).setString(2, "B");
        if (alpha == null) r.setNull(ALPHA); else r.setDouble(ALPHA, alpha);
        if (elapsed == null) r.setNull(ELAPSED); else r.setLong(ELAPSED, elapsed);
        return r;
    }

    private static Long binOf(Bin bin, String col, VizRow row) {
        VizRow out = bin.map(row);
        return (Long) out.get(bin.outputSchema().indexOf(Bin.column(col)), ColumnType.LONG);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "0.5, 0", "1.5, 2", "2.5, 2", "3.5, 4",
        "-0.5, 0", "-1.5, -2", "-2.5, -2",
        "0.49, 0", "0.51, 1", "-0.7, -1", "-1.2, -1", "0.0, 0"
    })
    void shouldRoundHalfToEven(double x, long expected) {
        Bin bin = new Bin(ROWS, widths("alpha1", 1.0));
        assertEquals(expected, binOf(bin, "alpha1", row(x, 0L)));
    }

    @ParameterizedTest(name = "{0} / 0.25 -> {1}")
    @CsvSource({"0.125, 0", "0.375, 2", "0.625, 2", "-0.125, 0", "-0.375, -2", "-1.0, -4", "1.1, 4"})
    void shouldDivideByTheWidthFirst(double x, long expected) {
        Bin bin = new Bin(ROWS, widths("alpha1", 0.25));
        assertEquals(expected, binOf(bin, "alpha1", row(x, 0L)));
    }

    @ParameterizedTest(name = "elapsed {0} -> {1}")
    @CsvSource({"0, 0", "899, 0", "900, 0", "901, 1", "2700, 2", "4500, 2", "14400, 8"})
    void shouldBinAnIntegerColumn(long elapsed, long expected) {
        Bin bin = new Bin(ROWS, widths("elapsed_seconds", HALF_AN_HOUR));
        assertEquals(expected, binOf(bin, "elapsed_seconds", row(0.0, elapsed)));
    }

    @Test
    void shouldKeepNullNanAndInfinityNull() {
        Bin bin = new Bin(ROWS, widths("alpha1", 1e-4, "elapsed_seconds", HALF_AN_HOUR));
        assertNull(binOf(bin, "alpha1", row(null, 0L)));
        assertNull(binOf(bin, "alpha1", row(Double.NaN, 0L)));
        assertNull(binOf(bin, "alpha1", row(Double.POSITIVE_INFINITY, 0L)));
        assertNull(binOf(bin, "elapsed_seconds", row(0.0, null)));
    }

    @Test
    void shouldAppendOneInt64ColumnPerBinnedColumnInConfigOrder() {
        Bin bin = new Bin(ROWS, widths("elapsed_seconds", HALF_AN_HOUR, "alpha1", 1e-4));
        assertEquals(ROWS.with("elapsed_seconds_bin", ColumnType.LONG).with("alpha1_bin", ColumnType.LONG),
                bin.outputSchema());

        VizRow out = bin.map(row(0.00025, 2_700L));
        assertEquals(2L, out.getLong(3));
        assertEquals(2L, out.getLong(4), "0.00025 / 1e-4 = 2.5 rounds to the even 2");
        assertEquals(0.00025, out.getDouble(ALPHA), 0.0);
    }

    @Test
    void shouldNameTheKeyOfAnUnknownColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bin(ROWS, widths("alpha2", 1.0)));
        assertTrue(e.getMessage().startsWith("binwidths.alpha2"), e.getMessage());
    }

    @Test
    void shouldNameTheKeyOfATextColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bin(ROWS, widths("side", 1.0)));
        assertTrue(e.getMessage().startsWith("binwidths.side"), e.getMessage());
    }

    @ParameterizedTest
    @CsvSource({"0.0", "-1.0", "NaN", "Infinity"})
    void shouldNameTheKeyOfAWidthThatIsNotPositive(double width) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Bin(ROWS, widths("alpha1", width)));
        assertTrue(e.getMessage().startsWith("binwidths.alpha1"), e.getMessage());
    }

    @Test
    void shouldBinBatchesAsRowsColumnByColumn() {
        Bin bin = new Bin(ROWS, widths("alpha1", 1e-4, "elapsed_seconds", HALF_AN_HOUR));
        Double[] alphas = {0.00015, null, Double.NaN, Double.POSITIVE_INFINITY, -0.00025, 1e300, 0.0};
        Long[] elapsed = {0L, 2700L, null, 14400L, Long.MAX_VALUE, -901L, 899L};
        VizRow[] rows = new VizRow[alphas.length];
        for (int i = 0; i < rows.length; i++) rows[i] = row(alphas[i], elapsed[i]);
        ColumnBatch batch = bin.onBatches().map(ColumnBatch.of(ROWS, rows));
        assertEquals(bin.outputSchema(), bin.onBatches().outputSchema());
        for (int i = 0; i < rows.length; i++) {
            VizRow expected = bin.map(row(alphas[i], elapsed[i]));
            assertEquals(expected, batch.row(i, new VizRow(bin.outputSchema().size())).ensureWidth(expected.width()), "row " + i);
        }
    }
}
