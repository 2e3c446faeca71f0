package io.vizflow.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Rows and schemas: values by position, null bits, widening and copies. */
class VizRowTest {

    @Test
    void shouldKeepEachTypeAndItsNullBit() {
        VizRow r = new VizRow(4).setLong(0, 7).setDouble(1, -0.5).setString(2, "B").setBoolean(3, true);

        assertEquals(7L, r.get(0, ColumnType.LONG));
        assertEquals(-0.5, r.get(1, ColumnType.DOUBLE));
        assertEquals("B", r.get(2, ColumnType.STRING));
        assertEquals(true, r.get(3, ColumnType.BOOLEAN));

        r.setNull(1).setString(2, null);
        assertTrue(r.isNull(1));
        assertTrue(r.isNull(2));
        assertNull(r.get(1, ColumnType.DOUBLE));
        r.setDouble(1, 2.0);
        assertFalse(r.isNull(1));
    }

    @Test
    void shouldKeepNullBitsApartBeyond64Columns() {
        VizRow r = new VizRow(130);
        r.setNull(0).setNull(64).setNull(129);

        assertTrue(r.isNull(0));
        assertTrue(r.isNull(64));
        assertTrue(r.isNull(129));
        assertFalse(r.isNull(1));
        assertFalse(r.isNull(65));
        assertFalse(r.isNull(128));
        r.setLong(64, 3);
        assertTrue(r.isNull(0), "setting column 64 leaves column 0 null");
        assertFalse(r.isNull(64));
    }

    @Test
    void shouldWidenKeepingTheValues() {
        VizRow r = new VizRow(2).setLong(0, 1).setNull(1);
        r.ensureWidth(70).setString(69, "x");

        assertTrue(r.width() >= 70, "room for at least the 70 columns asked for");
        assertEquals(1L, r.getLong(0));
        assertTrue(r.isNull(1));
        assertFalse(r.isNull(2), "new columns are not null");
        assertEquals("x", r.getString(69));
    }

    @Test
    void shouldCopyIntoIndependentArrays() {
        VizRow r = new VizRow(2).setLong(0, 1).setString(1, "a");
        VizRow c = r.copy(5);

        assertEquals(5, c.width());
        c.setLong(0, 2).setString(1, "b");
        assertEquals(1L, r.getLong(0));
        assertEquals("a", r.getString(1));
        assertEquals(r, r.copy());
        assertNotEquals(r, c);
    }

    @Test
    void shouldAppendColumnsAndFindThemByName() {
        RowSchema s = RowSchema.empty().with("row_id", ColumnType.LONG).with("side", ColumnType.STRING);

        assertEquals(2, s.size());
        assertEquals(1, s.indexOf("side"));
        assertEquals(1, s.indexOf("side", ColumnType.STRING));
        assertEquals(ColumnType.LONG, s.type("row_id"));
        assertTrue(s.contains("side"));
        assertEquals("(row_id LONG, side STRING)", s.toString());
    }

    @Test
    void shouldNameUnknownMistypedAndDuplicateColumns() {
        RowSchema s = RowSchema.empty().with("qty", ColumnType.LONG);

        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.indexOf("price"))
                .getMessage().contains("'price'"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> s.indexOf("qty", ColumnType.DOUBLE))
                .getMessage().contains("'qty'"));
        assertThrows(IllegalArgumentException.class, () -> s.with("qty", ColumnType.DOUBLE));
    }

    @Test
    void shouldNameTheSqlTypes() {
        assertEquals("BIGINT", ColumnType.LONG.sqlType());
        assertEquals("DOUBLE", ColumnType.DOUBLE.sqlType());
        assertEquals("STRING", ColumnType.STRING.sqlType());
        assertEquals("BOOLEAN", ColumnType.BOOLEAN.sqlType());
    }

    @Test
    void shouldHoldStringsOnlyAsFarAsItsLastStringColumn() {
        VizRow r = new VizRow(20).setLong(0, 5).setString(2, "S");
        assertEquals(3, r.strings.length, "a side in column 2 needs no room for 20 strings");
        r.ensureWidth(40).setString(30, "far").setLong(35, 9);
        assertEquals("S", r.getString(2));
        assertEquals("far", r.getString(30));
        assertEquals(9L, r.getLong(35));
        VizRow c = r.copy(50);
        c.setString(2, "B");
        assertEquals("S", r.getString(2), "a copy has its own strings");
        assertEquals("far", c.getString(30));
        assertEquals(r.copy(), r);
        assertThrows(ArrayIndexOutOfBoundsException.class, () -> new VizRow(3).setString(7, "x"));
    }
}
