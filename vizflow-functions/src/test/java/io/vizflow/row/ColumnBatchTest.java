package io.vizflow.row;

import static io.vizflow.row.VizRowSerializerTest.WIDE;
import static io.vizflow.row.VizRowSerializerTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import java.util.List;

/** Rows held column by column: the same values and nulls out as in, batch after batch, and the same block bytes. */
class ColumnBatchTest {
    private static final List<VizRow> ROWS = List.of(row(WIDE, 1, i -> false), row(WIDE, 2, i -> i % 5 == 0),
            row(WIDE, -4, i -> i == 63 || i == 64 || i == 69), row(WIDE, 7, i -> true));

    @Test
    void shouldGiveBackEveryRowsValuesAndNulls() {
        ColumnBatch batch = ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0]));
        VizRow into = VizRow.withHeadroom(WIDE.size());
        assertEquals(4, batch.size());
        for (int r = 0; r < ROWS.size(); r++) {
            assertEquals(ROWS.get(r), batch.row(r, into), "row " + r);
        }
        assertTrue(batch.isNull(63, 2));
        assertFalse(batch.isNull(62, 2));
    }

    @Test
    void shouldForgetTheNullsOfTheRowsItHeldBefore() {
        ColumnBatch batch = ColumnBatch.of(WIDE, row(WIDE, 7, i -> true), row(WIDE, 8, i -> i % 2 == 0));
        batch.reset(0);
        batch.add(row(WIDE, 9, i -> false));
        assertEquals(1, batch.size());
        assertEquals(row(WIDE, 9, i -> false), batch.row(0, VizRow.withHeadroom(WIDE.size())));
        for (int c = 0; c < WIDE.size(); c++) assertFalse(batch.hasNulls(c), "column " + c);
    }

    @Test
    void shouldAddAStepsColumnsOnlyLeavingTheLaterOnesAlone() {
        ColumnBatch batch = new ColumnBatch(WIDE, 1);
        batch.add(ROWS.get(2), 66); // nulls at 63 and 64 taken, the one at 69 is past the columns added
        VizRow expected = ROWS.get(2).copy(WIDE.size());
        for (int c = 66; c < WIDE.size(); c++) expected.setNull(c);
        VizRow back = batch.row(0, VizRow.withHeadroom(WIDE.size()));
        for (int c = 0; c < 66; c++) {
            assertEquals(expected.isNull(c), back.isNull(c), "column " + c);
            assertEquals(expected.get(c, WIDE.type(c)), back.get(c, WIDE.type(c)), "column " + c);
        }
        assertTrue(batch.isNull(63, 0) && batch.isNull(64, 0));
        assertFalse(batch.isNull(69, 0));
    }

    @Test
    void shouldReadBlocksIntoABatchAsIntoNewRows() {
        BlockWriter writer = new BlockWriter(WIDE);
        BlockReader reader = new BlockReader(WIDE);
        ColumnBatch batch = new ColumnBatch(WIDE.with("extra", ColumnType.LONG), 1);
        List<VizRow> expected = new java.util.ArrayList<>();
        for (int block = 0; block < 12; block++) {
            if (block % 4 == 0) { // emptied now and then: rows read after forget the nulls of those before
                batch.reset(0);
                expected.clear();
            }
            for (int r = 0; r <= block; r++) writer.append(ROWS.get((block + r) % ROWS.size()));
            RowBlock b = writer.finish();
            expected.addAll(List.of(reader.read(b)));
            reader.read(b, batch);
            assertEquals(expected.size(), batch.size());
            VizRow into = VizRow.withHeadroom(WIDE.size() + 1);
            for (int r = 0; r < expected.size(); r++) {
                VizRow back = batch.row(r, into);
                for (int c = 0; c < WIDE.size(); c++) {
                    assertEquals(expected.get(r).get(c, WIDE.type(c)), back.get(c, WIDE.type(c)), "row " + r + " column " + c);
                }
            }
        }
    }

    @Test
    void shouldRefuseToReadBlocksIntoABatchOfFewerColumns() {
        BlockWriter w = new BlockWriter(WIDE);
        w.append(ROWS.get(0));
        RowBlock b = w.finish();
        ColumnBatch narrow = new ColumnBatch(WIDE.select(List.of("c0", "c1")), 1);
        String message = assertThrows(IllegalArgumentException.class, () -> new BlockReader(WIDE).read(b, narrow)).getMessage();
        assertEquals("a batch of 2 columns for a reader of " + WIDE.size(), message);
    }

    @Test
    void shouldDropTheFirstRowsAndKeepTheOthersWithTheirNulls() {
        for (int k = 0; k <= ROWS.size(); k++) {
            ColumnBatch batch = ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0]));
            batch.dropFirst(k);
            batch.add(ROWS.get(0)); // a row with no null after them: no null bit left behind in its place
            List<VizRow> rest = new java.util.ArrayList<>(ROWS.subList(k, ROWS.size()));
            rest.add(ROWS.get(0));
            assertEquals(ColumnBatch.of(WIDE, rest.toArray(new VizRow[0])), batch, "dropping " + k);
        }
    }

    /** Columns of every kind, across the 64-column word, out of order. */
    private static final List<String> SOME = List.of("c69", "c2", "c64", "c0", "c63");

    private static ColumnBatch someColumnsOfTheRows() {
        RowSchema some = WIDE.select(SOME);
        int[] at = WIDE.indexesOf(SOME);
        ColumnBatch expected = new ColumnBatch(some, 1);
        for (VizRow r : ROWS) {
            VizRow p = new VizRow(some.size());
            for (int c = 0; c < at.length; c++) {
                Object v = r.get(at[c], WIDE.type(at[c]));
                if (v == null) p.setNull(c);
                else if (v instanceof String) p.setString(c, (String) v);
                else if (v instanceof Double) p.setDouble(c, (Double) v);
                else if (v instanceof Boolean) p.setBoolean(c, (Boolean) v);
                else p.setLong(c, (Long) v);
            }
            expected.add(p);
        }
        return expected;
    }

    @Test
    void shouldAddSomeColumnsOfARowInTheOrderAsked() {
        ColumnBatch batch = new ColumnBatch(WIDE.select(SOME), 1);
        for (VizRow r : ROWS) batch.add(r, WIDE.indexesOf(SOME));
        assertEquals(someColumnsOfTheRows(), batch);
    }

    @Test
    void shouldGatherAndCopySomeColumnsIntoRowsAddedForThem() {
        ColumnBatch all = ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0]));
        int[] at = WIDE.indexesOf(SOME);
        ColumnBatch expected = someColumnsOfTheRows();
        int[] reversed = {3, 2, 1, 0};
        ColumnBatch gathered = new ColumnBatch(WIDE.select(SOME), 1);
        gathered.add(ROWS.get(1), at); // a row before them
        int first = gathered.addRows(ROWS.size());
        for (int c = 0; c < at.length; c++) gathered.gather(c, first, all, at[c], reversed, ROWS.size());
        ColumnBatch copied = new ColumnBatch(WIDE.select(SOME), 1);
        int from = copied.addRows(2);
        for (int c = 0; c < at.length; c++) copied.copy(c, from, all, at[c], 1, 2); // rows 1 and 2
        VizRow into = VizRow.withHeadroom(SOME.size());
        VizRow want = VizRow.withHeadroom(SOME.size());
        assertEquals(expected.row(1, want), gathered.row(0, into));
        for (int r = 0; r < ROWS.size(); r++) {
            assertEquals(expected.row(reversed[r], want), gathered.row(1 + r, into), "gathered row " + r);
        }
        assertEquals(expected.row(1, want), copied.row(0, into));
        assertEquals(expected.row(2, want), copied.row(1, into));
    }

    @Test
    void shouldSetSomeColumnsOfARowFromARow() {
        ColumnBatch batch = ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0]));
        VizRow values = row(WIDE, 5, i -> false);
        batch.set(2, values, 63, 66); // null before at 63 and 64, a value now
        VizRow back = batch.row(2, VizRow.withHeadroom(WIDE.size()));
        for (int c = 0; c < WIDE.size(); c++) {
            VizRow want = c >= 63 && c < 66 ? values : ROWS.get(2);
            assertEquals(want.get(c, WIDE.type(c)), back.get(c, WIDE.type(c)), "column " + c);
        }
        batch.set(1, ROWS.get(3), 0, 2); // all null
        assertTrue(batch.isNull(0, 1) && batch.isNull(1, 1));
        assertFalse(batch.isNull(2, 1));
    }

    @Test
    void shouldShareSomeColumnsOfABatchAndGrowTheColumnsAddedAfterThem() {
        RowSchema some = WIDE.select(SOME);
        ColumnBatch view = new ColumnBatch(some, 1).ensureColumns(some.with("extra", ColumnType.LONG));
        ColumnBatch all = ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0]));

        view.shareColumnsOf(all, WIDE.indexesOf(SOME));
        view.longs(SOME.size())[ROWS.size() - 1] = 42; // the added column has room for every row
        view.clearNulls(SOME.size());

        assertEquals(ROWS.size(), view.size());
        VizRow into = VizRow.withHeadroom(some.size() + 1);
        ColumnBatch expected = someColumnsOfTheRows();
        for (int r = 0; r < ROWS.size(); r++) {
            VizRow back = view.row(r, into);
            VizRow want = expected.row(r, VizRow.withHeadroom(some.size() + 1)).setLong(SOME.size(), r == ROWS.size() - 1 ? 42 : 0);
            assertEquals(want, back, "row " + r);
        }
        assertEquals(all.strings(2), view.strings(1), "shared, not copied");
    }

    @Test
    void shouldGrowPastItsCapacity() {
        ColumnBatch batch = new ColumnBatch(WIDE, 1);
        for (VizRow r : ROWS) batch.add(r);
        assertEquals(ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0])), batch);
        batch.reset(100);
        assertEquals(100, batch.size());
        assertTrue(batch.capacity() >= 100);
    }

    @Test
    void shouldAddAColumnForAStepsOutput() {
        RowSchema wider = WIDE.with("extra", ColumnType.LONG);
        ColumnBatch batch = ColumnBatch.of(WIDE, ROWS.get(0)).ensureColumns(wider);
        batch.longs(WIDE.size())[0] = 42;
        batch.clearNulls(WIDE.size());
        assertEquals(ROWS.get(0).copy(wider.size()).setLong(WIDE.size(), 42),
                batch.row(0, VizRow.withHeadroom(wider.size())));
    }

    @Test
    void shouldRefuseToReadAColumnAsTheWrongKind() {
        ColumnBatch batch = new ColumnBatch(WIDE, 1);
        assertThrows(IllegalArgumentException.class, () -> batch.longs(2)); // c2 is a string column
        assertThrows(IllegalArgumentException.class, () -> batch.strings(0));
    }

    @Test
    void shouldEncodeABatchsRowsIntoTheSameBlockAsTheRowsThemselves() {
        ColumnBatch batch = ColumnBatch.of(WIDE, ROWS.toArray(new VizRow[0]));
        BlockWriter fromRows = new BlockWriter(WIDE);
        BlockWriter fromBatch = new BlockWriter(WIDE);
        long[] times = new long[ROWS.size()];
        long[] ids = new long[ROWS.size()];
        for (int r = 0; r < ROWS.size(); r++) {
            times[r] = 100 - r; // out of order: the block must say so either way
            ids[r] = r;
            fromRows.append(ROWS.get(r), times[r], r);
        }
        for (int r = 0; r < ROWS.size(); r += 2) { // rows of a batch in ranges, one after the other
            fromBatch.append(batch, r, Math.min(ROWS.size(), r + 2), times, ids);
        }
        RowBlock expected = fromRows.finish();
        RowBlock actual = fromBatch.finish();
        assertEquals(expected, actual);
        assertFalse(actual.inOrder());
        assertEquals(ROWS, List.of(new BlockReader(WIDE).read(actual)));
    }

    @Test
    void shouldEncodeABatchsNewAndRepeatedStringsIntoTheSameBlockAsTheRowsThemselves() {
        // past the dictionary's scan (16 strings), new strings amid known ones in one range, long
        // and multi-byte ones, nulls: the range's room is taken again after each new string
        RowSchema schema = RowSchema.empty().with("id", ColumnType.LONG).with("s", ColumnType.STRING);
        List<VizRow> rows = new java.util.ArrayList<>();
        java.util.Random random = new java.util.Random(3);
        for (int r = 0; r < 2_000; r++) {
            VizRow row = new VizRow(2).setLong(0, r);
            int pick = random.nextInt(40);
            if (pick == 0) row.setNull(1);
            else if (pick < 4) row.setString(1, "new " + r + " \u00e9\u4e2d".repeat(1 + random.nextInt(30)));
            else row.setString(1, "s" + random.nextInt(pick < 20 ? 3 : 60));
            rows.add(row);
        }
        ColumnBatch batch = ColumnBatch.of(schema, rows.toArray(new VizRow[0]));
        BlockWriter fromRows = new BlockWriter(schema);
        BlockWriter fromBatch = new BlockWriter(schema);
        long[] ids = new long[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            ids[r] = r;
            fromRows.append(rows.get(r), 0, r);
        }
        for (int r = 0; r < rows.size(); r += 700) {
            fromBatch.append(batch, r, Math.min(rows.size(), r + 700), new long[rows.size()], ids);
        }
        RowBlock actual = fromBatch.finish();
        assertEquals(fromRows.finish(), actual);
        assertEquals(rows, List.of(new BlockReader(schema).read(actual)));
    }
}
