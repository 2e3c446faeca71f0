package io.vizflow.row;

import static io.vizflow.row.VizRowSerializerTest.WIDE;
import static io.vizflow.row.VizRowSerializerTest.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;

/**
 * Blocks of rows: Flink's own serializer checks ({@link SerializerTestBase}) for rows wider than
 * one word of null bits, and the encoding's round trip ({@link BlockWriter}, {@link BlockReader})
 * over its edge cases: repeated and many strings, extreme differences between consecutive
 * integers, NaN, nulls, and a block's first values read without the rest.
 */
class RowBlockSerializerTest extends SerializerTestBase<RowBlock> {

    @Override
    protected TypeSerializer<RowBlock> createSerializer() {
        return new RowBlockSerializer(WIDE);
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<RowBlock> getTypeClass() {
        return RowBlock.class;
    }

    @Override
    protected RowBlock[] getTestData() {
        return new RowBlock[] {
            RowBlock.of(WIDE, row(WIDE, 1, i -> false)),
            RowBlock.of(WIDE, row(WIDE, 2, i -> true), row(WIDE, 3, i -> i % 5 == 0)),
            RowBlock.of(WIDE, row(WIDE, -4, i -> i == 63 || i == 64 || i == 69),
                    row(WIDE, Long.MAX_VALUE / 2_000, i -> i < 64), row(WIDE, 3, i -> false)),
            RowBlock.of(WIDE, 0, 1, row(WIDE, 5, i -> false), row(WIDE, 7, i -> false)),
        };
    }

    @Test
    void shouldCarryABlocksOrderKeysAndWhetherItsRowsAreInOrder() throws IOException {
        RowSchema schema = RowSchema.empty().with("t", ColumnType.LONG).with("id", ColumnType.LONG);
        VizRow a = new VizRow(2).setLong(0, 100).setLong(1, 4);
        VizRow b = new VizRow(2).setLong(0, 100).setLong(1, 9);
        VizRow c = new VizRow(2).setLong(0, 99).setLong(1, 12);
        RowBlockSerializer serializer = new RowBlockSerializer(schema);
        for (RowBlock block : List.of(RowBlock.of(schema, 0, 1, a, b), RowBlock.of(schema, 0, 1, a, b, c),
                RowBlock.of(schema, a, b))) {
            DataOutputSerializer out = new DataOutputSerializer(64);
            serializer.serialize(block, out);
            RowBlock back = serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
            assertEquals(block, back);
            assertEquals(block.minOrderKey(), back.minOrderKey());
            assertEquals(block.maxOrderKey(), back.maxOrderKey());
            assertEquals(block.inOrder(), back.inOrder());
        }
        RowBlock ordered = RowBlock.of(schema, 0, 1, a, b);
        assertTrue(ordered.inOrder());
        assertEquals(RowBlock.orderKey(100, 4), ordered.minOrderKey());
        assertEquals(RowBlock.orderKey(100, 9), ordered.maxOrderKey());
        RowBlock back = RowBlock.of(schema, 0, 1, a, b, c);
        assertTrue(!back.inOrder(), "a row earlier in time than the one before it");
        assertEquals(RowBlock.orderKey(99, 12), back.minOrderKey());
        RowBlock unknown = RowBlock.of(schema, a, b);
        assertTrue(!unknown.inOrder());
        assertEquals(RowBlock.UNKNOWN_MIN, unknown.minOrderKey());
        assertEquals(RowBlock.UNKNOWN_MAX, unknown.maxOrderKey());
    }

    @Test
    void orderKeysShouldNeverDecreaseAsTimeThenRowIdIncrease() {
        long[] times = {Long.MIN_VALUE, -1, 0, 1, 14_400, 86_400, (1L << 23) - 1, 1L << 23, Long.MAX_VALUE};
        long[] ids = {Long.MIN_VALUE, -1, 0, 1, 20_000_000, (1L << 40) - 1, 1L << 40, Long.MAX_VALUE};
        long previous = Long.MIN_VALUE;
        for (long t : times) {
            for (long id : ids) {
                long key = RowBlock.orderKey(t, id);
                assertTrue(key >= previous, "(" + t + ", " + id + ") -> " + key + " after " + previous);
                assertTrue(key >= 0, "keys are never negative");
                previous = key;
            }
        }
        assertTrue(RowBlock.orderKey(14_400, 0) > RowBlock.orderKey(14_399, 20_000_000), "time first");
        assertTrue(RowBlock.orderKey(60, 8) > RowBlock.orderKey(60, 7), "then the row id");
    }

    private static VizRow[] roundTrip(RowSchema schema, VizRow... rows) throws IOException {
        RowBlockSerializer serializer = new RowBlockSerializer(schema);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(RowBlock.of(schema, rows), out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        RowBlock back = serializer.deserialize(in);
        assertEquals(0, in.available(), "the whole block is read");
        assertEquals(rows.length, back.size());
        return new BlockReader(schema).read(back);
    }

    @Test
    void shouldRoundTripExtremeIntegersRepeatedStringsAndNaN() throws IOException {
        RowSchema schema = RowSchema.empty().with("l", ColumnType.LONG).with("s", ColumnType.STRING)
                .with("d", ColumnType.DOUBLE).with("b", ColumnType.BOOLEAN);
        long[] values = {Long.MIN_VALUE, Long.MAX_VALUE, 0, -1, Long.MIN_VALUE, 93000123};
        String[] sides = {"B", "S", "B", "B", null, "é☃"};
        VizRow[] rows = new VizRow[values.length];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new VizRow(4).setLong(0, values[i]).setString(1, sides[i])
                    .setDouble(2, i == 2 ? Double.NaN : -i / 3.0).setBoolean(3, i % 2 == 0);
        }
        VizRow[] back = roundTrip(schema, rows);
        assertArrayEquals(rows, back);
        assertTrue(Double.isNaN(back[2].getDouble(2)));
        assertTrue(back[4].isNull(1));
    }

    @Test
    void shouldRoundTripEveryRealBitForBitAsDecimalsOrAsTheirBytes() throws IOException {
        RowSchema schema = RowSchema.empty().with("price", ColumnType.DOUBLE).with("other", ColumnType.DOUBLE);
        double[] prices = {65.087, 65.0705, 65.087 + 0.0325 / 2, 65.087 - 0.0325 / 2, 0.0001, -12.5, 0.0,
            1e-300, Double.MIN_VALUE, 99_999_999_999.9999, 100_000_000_000.0, -0.0,
            65.1, 65.2}; // decimals again after -0.0: that column's reals are now their bytes
        double[] others = {1.25, Double.NaN, Double.longBitsToDouble(0x7ff8_0000_0000_0001L), Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, Double.MAX_VALUE, -Double.MAX_VALUE, 0.1 + 0.2, 1e15 / 1e4, -1e11, 3.0, 4.0, 5.0, 6.0};
        VizRow[] rows = new VizRow[prices.length + 1];
        for (int i = 0; i < prices.length; i++) {
            rows[i] = new VizRow(2).setDouble(0, prices[i]).setDouble(1, others[i]);
        }
        rows[prices.length] = new VizRow(2).setNull(0).setDouble(1, 7.0);

        VizRow[] back = roundTrip(schema, rows);

        for (int i = 0; i < rows.length; i++) {
            for (int c = 0; c < 2; c++) {
                assertEquals(rows[i].isNull(c), back[i].isNull(c), "row " + i + " column " + c);
                assertEquals(Double.doubleToRawLongBits(rows[i].getDouble(c)), Double.doubleToRawLongBits(back[i].getDouble(c)),
                        "row " + i + " column " + c + ": " + rows[i].getDouble(c));
            }
        }
    }

    @Test
    void shouldWritePricesInAFewBytesAndOtherRealsInNine() {
        RowSchema price = RowSchema.empty().with("mid", ColumnType.DOUBLE);
        java.util.Random random = new java.util.Random(7);
        VizRow[] mids = new VizRow[1_000];
        VizRow[] alphas = new VizRow[1_000];
        long tenths = 650_870; // 65.087
        for (int i = 0; i < mids.length; i++) {
            tenths += random.nextInt(101) - 50; // a random walk in ten-thousandths
            mids[i] = new VizRow(1).setDouble(0, tenths / 10_000.0);
            alphas[i] = new VizRow(1).setDouble(0, random.nextGaussian() * 1e-3);
        }
        int midBytes = RowBlock.of(price, mids).data().length;
        int alphaBytes = RowBlock.of(price, alphas).data().length;

        assertTrue(midBytes <= 4 * mids.length, midBytes + " bytes: a null word and ~2 bytes a price");
        assertTrue(alphaBytes <= 9 * alphas.length + 1, alphaBytes + " bytes: a null word, 8 bytes, one flag a block");
        assertArrayEquals(mids, new BlockReader(price).read(RowBlock.of(price, mids)));
        assertArrayEquals(alphas, new BlockReader(price).read(RowBlock.of(price, alphas)));
    }

    @Test
    void shouldRoundTripABlockOfManyRowsAndManyStrings() throws IOException {
        VizRow[] rows = new VizRow[2_000];
        for (int i = 0; i < rows.length; i++) {
            int seed = i;
            rows[i] = row(WIDE, seed, c -> (c + seed) % 7 == 0); // distinct strings in every row
        }
        assertArrayEquals(rows, roundTrip(WIDE, rows));
    }

    @Test
    void shouldReadTheFirstRowsKeyWithoutTheRest() {
        RowSchema schema = RowSchema.empty().with("side", ColumnType.STRING).with("d", ColumnType.DOUBLE)
                .with("ukey", ColumnType.LONG).with("sym", ColumnType.STRING).with("n", ColumnType.LONG);
        VizRow first = new VizRow(5).setString(0, "B").setDouble(1, 1.5).setLong(2, 600519).setString(3, "B").setNull(4);
        VizRow second = new VizRow(5).setString(0, "S").setDouble(1, 2.5).setLong(2, 600519).setString(3, "B").setLong(4, 1);
        RowBlock block = RowBlock.of(schema, first, second);
        BlockReader reader = new BlockReader(schema);

        assertEquals(600519L, reader.firstLong(block, 2));
        assertEquals("B", reader.firstString(block, 3), "a string the row repeats from an earlier column");
        assertEquals("B", reader.firstString(block, 0));
        assertNull(reader.firstLong(block, 4));
        assertEquals(Double.doubleToRawLongBits(1.5), reader.firstLong(block, 1));
    }

    @Test
    void shouldTellWhetherBlocksAreInOrderWithoutMakingRows() {
        RowSchema schema = RowSchema.empty().with("side", ColumnType.STRING).with("t", ColumnType.LONG)
                .with("p", ColumnType.DOUBLE).with("id", ColumnType.LONG).with("b", ColumnType.BOOLEAN);
        java.util.function.BiFunction<Long, Long, VizRow> row = (t, id) -> new VizRow(5).setString(0, id % 2 == 0 ? "B" : "S")
                .setLong(1, t).setDouble(2, 1.0).setLong(3, id).setBoolean(4, true);
        RowBlock first = RowBlock.of(schema, row.apply(100L, 0L), row.apply(100L, 1L));
        RowBlock second = RowBlock.of(schema, row.apply(160L, 2L), row.apply(170L, 3L));
        RowBlock tieBack = RowBlock.of(schema, row.apply(170L, 1L));
        RowBlock timeBack = RowBlock.of(schema, row.apply(150L, 9L));
        BlockReader reader = new BlockReader(schema);

        assertTrue(reader.inOrder(java.util.List.of(first, second), 1, 3));
        assertTrue(!reader.inOrder(java.util.List.of(first, second, tieBack), 1, 3), "same time, earlier id");
        assertTrue(!reader.inOrder(java.util.List.of(first, second, timeBack), 1, 3), "earlier time");
        assertTrue(!reader.inOrder(java.util.List.of(second, first), 1, 3));
    }

    @Test
    void shouldGiveANewBlockEachTimeSoOperatorsMayKeepIt() throws IOException {
        RowBlockSerializer serializer = new RowBlockSerializer(WIDE);
        RowBlock block = RowBlock.of(WIDE, row(WIDE, 5, i -> false));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(block, out);
        RowBlock held = serializer.createInstance();

        RowBlock back = serializer.deserialize(held, new DataInputDeserializer(out.getCopyOfBuffer()));

        assertNotSame(held, back);
        assertEquals(block, back);
    }
}
