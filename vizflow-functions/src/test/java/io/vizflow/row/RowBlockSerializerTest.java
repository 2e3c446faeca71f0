package io.vizflow.row;

import static io.vizflow.row.VizRowSerializerTest.WIDE;
import static io.vizflow.row.VizRowSerializerTest.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Flink's own serializer checks ({@link SerializerTestBase}) for blocks of rows wider than one
 * word of null bits, plus the encoding's edge cases: repeated strings, extreme differences
 * between consecutive integers, NaN and large blocks.
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
            RowBlock.of(row(WIDE, 1, i -> false)),
            RowBlock.of(row(WIDE, 2, i -> true), row(WIDE, 3, i -> i % 5 == 0)),
            RowBlock.of(row(WIDE, -4, i -> i == 63 || i == 64 || i == 69), row(WIDE, Long.MAX_VALUE / 2_000, i -> i < 64),
                    row(WIDE, 3, i -> false)),
        };
    }

    private static RowBlock roundTrip(RowBlockSerializer serializer, RowBlock block) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(block, out);
        DataInputDeserializer in = new DataInputDeserializer(out.getCopyOfBuffer());
        RowBlock back = serializer.deserialize(in);
        assertEquals(0, in.available(), "the whole block is read");
        return back;
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
        RowBlock back = roundTrip(new RowBlockSerializer(schema), RowBlock.of(rows));
        assertEquals(RowBlock.of(rows), back);
        assertTrue(Double.isNaN(back.row(2).getDouble(2)));
        assertTrue(back.row(4).isNull(1));
    }

    @Test
    void shouldRoundTripABlockLargerThanTheFirstBuffer() throws IOException {
        RowBlockSerializer serializer = new RowBlockSerializer(WIDE);
        VizRow[] rows = new VizRow[2_000];
        for (int i = 0; i < rows.length; i++) {
            int seed = i;
            rows[i] = row(WIDE, seed, c -> (c + seed) % 7 == 0);
        }
        RowBlock block = new RowBlock(rows, rows.length);

        assertEquals(block, roundTrip(serializer, block));
        assertEquals(block, roundTrip(serializer, block), "the serializer's buffer is reused safely");
    }

    @Test
    void shouldGiveNewRowsEachTimeSoOperatorsMayKeepThem() throws IOException {
        RowBlockSerializer serializer = new RowBlockSerializer(WIDE);
        RowBlock block = RowBlock.of(row(WIDE, 5, i -> false));
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(block, out);
        RowBlock held = serializer.createInstance();

        RowBlock back = serializer.deserialize(held, new DataInputDeserializer(out.getCopyOfBuffer()));

        assertNotSame(held, back);
        assertEquals(block, back);
    }
}
