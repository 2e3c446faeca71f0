package io.vizflow.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * {@link RowQueue}: rows come out as they went in, oldest first, through growth, compaction and
 * slots used again.
 */
class RowQueueTest {
    private static final RowSchema FILLS = RowSchema.empty()
            .with("row_id", ColumnType.LONG)
            .with("side", ColumnType.STRING)
            .with("mid", ColumnType.DOUBLE)
            .with("qty", ColumnType.LONG)
            .with("venue", ColumnType.STRING)
            .with("elapsed_seconds", ColumnType.LONG);

    /** Row {@code i}: some columns null in a pattern, so a slot used again meets other nulls. */
    private static VizRow fill(int i) {
        VizRow r = VizRow.withHeadroom(FILLS.size());
        r.setLong(0, i);
        if (i % 3 == 0) r.setNull(1); else r.setString(1, i % 2 == 0 ? "B" : "S");
        if (i % 5 == 0) r.setNull(2); else r.setDouble(2, 10 + i / 1000.0);
        if (i % 7 == 0) r.setNull(3); else r.setLong(3, 100L * i);
        if (i % 4 == 0) r.setString(4, "XSHG" + i); else r.setNull(4);
        r.setLong(5, 34_200 + i);
        return r;
    }

    /** Adds row {@code row}, by way of a batch of it alone (as the FIFO copies a row of its batch). */
    private static void add(RowQueue q, VizRow row) {
        q.add(ColumnBatch.of(FILLS, row), 0);
    }

    @Test
    void shouldHandRowsOutOldestFirstThroughGrowthAndCompaction() {
        RowQueue q = new RowQueue(FILLS);
        VizRow out = new VizRow(FILLS.size());
        int next = 0;
        int expected = 0;
        // add 3, take 2, over and over: the queue grows, then slides its rows to the front
        for (int round = 0; round < 2000; round++) {
            for (int k = 0; k < 3; k++) add(q, fill(next++));
            for (int k = 0; k < 2; k++) {
                assertSame(out, q.pollFirst(out));
                assertEquals(fill(expected++), out);
            }
            assertEquals(next - expected, q.size());
        }
        while (!q.isEmpty()) {
            assertEquals(fill(expected++), q.pollFirst(out));
        }
        assertEquals(next, expected);
        assertThrows(IllegalStateException.class, () -> q.pollFirst(out));
    }

    @Test
    void shouldCopyTheRowsOfAWiderBatchWithTheirNullsAndNotItsOtherColumns() {
        RowSchema wider = FILLS.with("return_60", ColumnType.DOUBLE);
        VizRow[] rows = new VizRow[40];
        for (int i = 0; i < rows.length; i++) rows[i] = fill(i).ensureWidth(wider.size()).setDouble(6, i);
        ColumnBatch batch = ColumnBatch.of(wider, rows);
        RowQueue q = new RowQueue(FILLS);
        for (int i = rows.length - 1; i >= 0; i--) q.add(batch, i); // in any order
        VizRow out = VizRow.withHeadroom(wider.size()).setDouble(6, -1);
        for (int i = rows.length - 1; i >= 0; i--) {
            q.pollFirst(out);
            for (int c = 0; c < FILLS.size(); c++) {
                assertEquals(fill(i).get(c, FILLS.type(c)), out.get(c, FILLS.type(c)), "row " + i + " column " + c);
            }
            assertEquals(-1, out.getDouble(6), "a column past the queue's is left as it was");
        }
    }

    @Test
    void shouldLeaveTheColumnsAfterItsOwnToTheRowItFills() {
        RowSchema wider = FILLS.with("return_60", ColumnType.DOUBLE).with("is_large", ColumnType.BOOLEAN);
        RowQueue q = new RowQueue(FILLS);
        add(q, fill(1));
        VizRow out = new VizRow(wider.size());
        out.setDouble(6, 0.5);
        out.setNull(7);
        q.pollFirst(out);
        assertEquals(0.5, out.getDouble(6));
        assertTrue(out.isNull(7));
        assertEquals(fill(1).get(2, ColumnType.DOUBLE), out.get(2, ColumnType.DOUBLE));
    }

    @Test
    void shouldMakeTheRowItFillsWideEnoughForItsStrings() {
        RowQueue q = new RowQueue(FILLS);
        add(q, fill(4)); // a venue: its strings reach column 4
        VizRow out = new VizRow(2); // narrow, no strings yet
        q.pollFirst(out);
        assertEquals(fill(4), out);
        assertEquals("XSHG4", out.getString(4));
    }

    @Test
    void shouldLetGoOfTheStringsOfRowsHandedOut() {
        RowQueue q = new RowQueue(FILLS);
        add(q, fill(4));
        q.pollFirst(new VizRow(FILLS.size()));
        for (String s : q.strings) assertNull(s);
    }

    @Test
    void holdsStringsUpToTheSchemasLastStringColumn() {
        assertEquals(5, FILLS.stringWidth()); // venue, column 4
        assertEquals(0, RowSchema.empty().with("row_id", ColumnType.LONG).with("mid", ColumnType.DOUBLE).stringWidth());
        assertEquals(5, new RowQueue(FILLS).stringWidth);
    }
}
