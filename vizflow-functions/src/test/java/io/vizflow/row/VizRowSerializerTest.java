package io.vizflow.row;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.flink.api.common.serialization.SerializerConfigImpl;
import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.junit.jupiter.api.Test;

import java.io.IOException;

/**
 * Flink's own serializer checks ({@link SerializerTestBase}) over a schema wider than one word of
 * null bits, plus explicit round trips of every type and null.
 */
class VizRowSerializerTest extends SerializerTestBase<VizRow> {

    /** 70 columns: LONG, DOUBLE, STRING, BOOLEAN, LONG, ... so the null bits take two words. */
    static final RowSchema WIDE = wide(70);

    static RowSchema wide(int n) {
        RowSchema s = RowSchema.empty();
        ColumnType[] types = ColumnType.values();
        for (int i = 0; i < n; i++) {
            s = s.with("c" + i, types[i % types.length]);
        }
        return s;
    }

    /** A row of {@code schema} whose values depend on {@code seed}; columns where {@code nullAt} is true are null. */
    static VizRow row(RowSchema schema, long seed, java.util.function.IntPredicate nullAt) {
        VizRow r = new VizRow(schema.size());
        for (int i = 0; i < schema.size(); i++) {
            if (nullAt.test(i)) {
                r.setNull(i);
                continue;
            }
            switch (schema.type(i)) {
                case LONG: r.setLong(i, seed * 1_000 + i - 500); break;
                case DOUBLE: r.setDouble(i, seed / 7.0 - i); break;
                case STRING: r.setString(i, (seed % 3 == 0 ? "" : "é☃ " + seed) + i); break;
                default: r.setBoolean(i, (seed + i) % 2 == 0);
            }
        }
        return r;
    }

    @Override
    protected TypeSerializer<VizRow> createSerializer() {
        return new VizRowSerializer(WIDE);
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<VizRow> getTypeClass() {
        return VizRow.class;
    }

    @Override
    protected VizRow[] getTestData() {
        return new VizRow[] {
            row(WIDE, 1, i -> false),
            row(WIDE, 2, i -> true),
            row(WIDE, 3, i -> i % 5 == 0),
            row(WIDE, -4, i -> i == 63 || i == 64 || i == 69),
            row(WIDE, Long.MAX_VALUE / 2_000, i -> i < 64),
        };
    }

    private static VizRow roundTrip(VizRowSerializer serializer, VizRow row) throws IOException {
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(row, out);
        return serializer.deserialize(new DataInputDeserializer(out.getCopyOfBuffer()));
    }

    @Test
    void shouldRoundTripEveryTypeAndNull() throws IOException {
        RowSchema schema = RowSchema.empty()
                .with("l", ColumnType.LONG).with("d", ColumnType.DOUBLE)
                .with("s", ColumnType.STRING).with("b", ColumnType.BOOLEAN)
                .with("nl", ColumnType.LONG).with("nd", ColumnType.DOUBLE)
                .with("ns", ColumnType.STRING).with("nb", ColumnType.BOOLEAN)
                .with("nan", ColumnType.DOUBLE).with("min", ColumnType.LONG);
        VizRow row = new VizRow(schema.size())
                .setLong(0, -42).setDouble(1, 0.1).setString(2, "600519.SH").setBoolean(3, true)
                .setNull(4).setNull(5).setString(6, null).setNull(7)
                .setDouble(8, Double.NaN).setLong(9, Long.MIN_VALUE);

        VizRow back = roundTrip(new VizRowSerializer(schema), row);

        assertEquals(row, back);
        assertEquals(-42L, back.get(0, ColumnType.LONG));
        assertEquals(0.1, back.get(1, ColumnType.DOUBLE));
        assertEquals("600519.SH", back.get(2, ColumnType.STRING));
        assertEquals(true, back.get(3, ColumnType.BOOLEAN));
        for (int i = 4; i < 8; i++) {
            assertNull(back.get(i, schema.type(i)), "column " + i);
        }
        assertTrue(Double.isNaN(back.getDouble(8)));
        assertEquals(Long.MIN_VALUE, back.getLong(9));
    }

    @Test
    void shouldKeepNullBitsBeyondTheFirst64Columns() throws IOException {
        RowSchema schema = wide(130);
        VizRow row = row(schema, 9, i -> i == 0 || i == 63 || i == 64 || i == 127 || i == 128);

        VizRow back = roundTrip(new VizRowSerializer(schema), row);

        assertEquals(row, back);
        for (int i = 0; i < 130; i++) {
            boolean shouldBeNull = i == 0 || i == 63 || i == 64 || i == 127 || i == 128;
            assertEquals(shouldBeNull, back.isNull(i), "column " + i);
        }
        assertEquals(row.get(65, schema.type(65)), back.get(65, schema.type(65)));
    }

    @Test
    void shouldNeverOverwriteTheRowOfferedForReuse() throws IOException {
        VizRowSerializer serializer = new VizRowSerializer(WIDE);
        VizRow withNulls = row(WIDE, 5, i -> i % 2 == 0);
        DataOutputSerializer out = new DataOutputSerializer(64);
        serializer.serialize(withNulls, out);
        VizRow held = row(WIDE, 6, i -> false);
        VizRow heldBefore = held.copy();

        VizRow back = serializer.deserialize(held, new DataInputDeserializer(out.getCopyOfBuffer()));

        assertEquals(withNulls, back);
        assertEquals(heldBefore, held, "an operator holding the row it got before must still see its values");
    }

    @Test
    void shouldRestoreTheSameSerializerFromItsSnapshot() throws IOException {
        VizRowSerializer serializer = new VizRowSerializer(WIDE);
        TypeSerializerSnapshot<VizRow> snapshot = serializer.snapshotConfiguration();
        DataOutputSerializer out = new DataOutputSerializer(64);
        snapshot.writeSnapshot(out);

        VizRowSerializer.Snapshot read = new VizRowSerializer.Snapshot();
        read.readSnapshot(snapshot.getCurrentVersion(), new DataInputDeserializer(out.getCopyOfBuffer()),
                getClass().getClassLoader());

        assertEquals(serializer, read.restoreSerializer());
        TypeSerializerSchemaCompatibility<VizRow> same = read.resolveSchemaCompatibility(snapshot);
        assertTrue(same.isCompatibleAsIs());
        TypeSerializerSchemaCompatibility<VizRow> other =
                new VizRowSerializer(wide(3)).snapshotConfiguration().resolveSchemaCompatibility(snapshot);
        assertTrue(other.isIncompatible());
    }

    @Test
    void shouldBeTheSerializerOfTheTypeInfo() {
        VizRowTypeInfo type = new VizRowTypeInfo(WIDE);
        assertEquals(new VizRowSerializer(WIDE), type.createSerializer(new SerializerConfigImpl()));
        assertEquals(WIDE, VizRowTypeInfo.schemaOf(type));
        assertEquals(70, type.getArity());
        assertEquals(new VizRowTypeInfo(wide(70)), type);
    }
}
