package io.vizflow.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * {@link RowQueue}: rows come out as they went in, oldest first, through growth, compaction and
 * slots used again; {@link BlockReader} reads blocks into it as it reads them into new rows.
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

    @Test
    void shouldHandRowsOutOldestFirstThroughGrowthAndCompaction() {
        RowQueue q = new RowQueue(FILLS);
        VizRow out = new VizRow(FILLS.size());
        int next = 0;
        int expected = 0;
        // add 3, take 2, over and over: the queue grows, then slides its rows to the front
        for (int round = 0; round < 2000; round++) {
            for (int k = 0; k < 3; k++) q.add(fill(next++));
            for (int k = 0; k < 2; k++) {
                assertEquals(expected, q.getLong(0, 0));
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
    void shouldReadValuesAndNullsInPlace() {
        RowQueue q = new RowQueue(FILLS);
        for (int i = 0; i < 40; i++) q.add(fill(i));
        for (int i = 0; i < 40; i++) {
            assertEquals(i % 5 == 0, q.isNull(i, 2));
            if (i % 5 != 0) assertEquals(10 + i / 1000.0, q.getDouble(i, 2));
            assertEquals(34_200 + i, q.getLong(i, 5));
        }
    }

    @Test
    void shouldLeaveTheColumnsAfterItsOwnToTheRowItFills() {
        RowSchema wider = FILLS.with("return_60", ColumnType.DOUBLE).with("is_large", ColumnType.BOOLEAN);
        RowQueue q = new RowQueue(FILLS);
        q.add(fill(1));
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
        q.add(fill(4)); // a venue: its strings reach column 4
        VizRow out = new VizRow(2); // narrow, no strings yet
        q.pollFirst(out);
        assertEquals(fill(4), out);
        assertEquals("XSHG4", out.getString(4));
    }

    @Test
    void shouldReadBlocksIntoTheQueueAsIntoNewRows() {
        BlockWriter writer = new BlockWriter(FILLS);
        BlockReader reader = new BlockReader(FILLS);
        RowQueue q = new RowQueue(FILLS);
        VizRow out = VizRow.withHeadroom(FILLS.size());
        int id = 0;
        for (int block = 0; block < 30; block++) {
            for (int r = 0; r < 1 + block * 7; r++) writer.append(fill(id++));
            RowBlock b = writer.finish();
            VizRow[] fresh = reader.read(b);
            reader.read(b, q); // slots of the rows polled before are filled again, with other nulls
            List<VizRow> polled = new ArrayList<>();
            while (!q.isEmpty()) polled.add(q.pollFirst(out).copy());
            assertEquals(List.of(fresh), polled);
        }
    }

    @Test
    void shouldRefuseAQueueOfOtherColumns() {
        RowQueue other = new RowQueue(FILLS.with("extra", ColumnType.LONG));
        BlockWriter w = new BlockWriter(FILLS);
        w.append(fill(1));
        RowBlock b = w.finish();
        assertThrows(IllegalArgumentException.class, () -> new BlockReader(FILLS).read(b, other));
    }

    @Test
    void shouldLetGoOfTheStringsOfRowsHandedOut() {
        RowQueue q = new RowQueue(FILLS);
        q.add(fill(4));
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
