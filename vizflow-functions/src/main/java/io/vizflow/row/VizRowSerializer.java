package io.vizflow.row;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink's serializer for {@link VizRow}: the null bits (a varint per 64 columns), then each non-null value in its own
 * encoding: integers as zig-zag varints (prices, times, quantities and row ids mostly take 2 to 4
 * bytes instead of 8, so the keyed sort and the shuffle move about a third less), reals as 8
 * bytes, booleans as 1, strings as modified UTF-8. No Kryo, no boxing. Deserializes into new rows
 * only, so an operator may keep the rows it receives, object reuse or not.
 */
public final class VizRowSerializer extends TypeSerializer<VizRow> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;
    private final byte[] kinds; // ColumnType ordinal per column, for a switch without enum lookups

    public VizRowSerializer(RowSchema schema) {
        this.schema = schema;
        this.kinds = new byte[schema.size()];
        for (int i = 0; i < kinds.length; i++) {
            kinds[i] = (byte) schema.type(i).ordinal();
        }
    }

    public RowSchema schema() {
        return schema;
    }

    private int width() {
        return kinds.length;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<VizRow> duplicate() {
        return this; // stateless
    }

    @Override
    public VizRow createInstance() {
        return VizRow.withHeadroom(width());
    }

    @Override
    public VizRow copy(VizRow from) {
        return from.copy();
    }

    @Override
    public VizRow copy(VizRow from, VizRow reuse) {
        return from.copy();
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(VizRow row, DataOutputView out) throws IOException {
        int w = width();
        int words = (w + 63) >>> 6;
        for (int k = 0; k < words; k++) {
            writeVarLong(out, row.nulls[k]); // the null bits: usually none, one byte
        }
        long[] prims = row.prims;
        for (int i = 0; i < w; i++) {
            if (row.isNull(i)) continue;
            switch (kinds[i]) {
                case 0: // LONG
                    writeVarLong(out, prims[i]);
                    break;
                case 1: // DOUBLE
                    out.writeLong(prims[i]);
                    break;
                case 2: // STRING
                    out.writeUTF(row.strings[i]);
                    break;
                default: // BOOLEAN
                    out.writeBoolean(prims[i] != 0);
            }
        }
    }

    @Override
    public VizRow deserialize(DataInputView in) throws IOException {
        return read(VizRow.withHeadroom(width()), in);
    }

    /** A new row, never {@code reuse}: VizFlow's operators may keep the rows they receive. */
    @Override
    public VizRow deserialize(VizRow reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    private VizRow read(VizRow row, DataInputView in) throws IOException {
        int w = width();
        row.ensureWidth(w);
        int words = (w + 63) >>> 6;
        for (int k = 0; k < words; k++) {
            row.nulls[k] = readVarLong(in);
        }
        long[] prims = row.prims;
        for (int i = 0; i < w; i++) {
            if (row.isNull(i)) {
                row.setNull(i);
                continue;
            }
            switch (kinds[i]) {
                case 0:
                    prims[i] = readVarLong(in);
                    break;
                case 1:
                    prims[i] = in.readLong();
                    break;
                case 2:
                    row.setString(i, in.readUTF());
                    break;
                default:
                    prims[i] = in.readBoolean() ? 1 : 0;
            }
        }
        return row;
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int w = width();
        int words = (w + 63) >>> 6;
        long[] nulls = new long[words];
        for (int k = 0; k < words; k++) {
            nulls[k] = readVarLong(source);
            writeVarLong(target, nulls[k]);
        }
        for (int i = 0; i < w; i++) {
            if ((nulls[i >>> 6] & (1L << i)) != 0) continue;
            switch (kinds[i]) {
                case 0:
                    writeVarLong(target, readVarLong(source));
                    break;
                case 1:
                    target.writeLong(source.readLong());
                    break;
                case 2:
                    target.writeUTF(source.readUTF());
                    break;
                default:
                    target.writeBoolean(source.readBoolean());
            }
        }
    }

    /** Zig-zag LEB128: small magnitudes of either sign take few bytes. */
    static void writeVarLong(DataOutputView out, long v) throws IOException {
        long z = (v << 1) ^ (v >> 63);
        while ((z & ~0x7FL) != 0) {
            out.writeByte((int) ((z & 0x7F) | 0x80));
            z >>>= 7;
        }
        out.writeByte((int) z);
    }

    static long readVarLong(DataInputView in) throws IOException {
        long z = 0;
        int shift = 0;
        while (true) {
            int b = in.readUnsignedByte();
            z |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) break;
            shift += 7;
            if (shift > 63) throw new IOException("malformed varint in a VizRow");
        }
        return (z >>> 1) ^ -(z & 1);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VizRowSerializer && schema.equals(((VizRowSerializer) o).schema);
    }

    @Override
    public int hashCode() {
        return schema.hashCode();
    }

    @Override
    public TypeSerializerSnapshot<VizRow> snapshotConfiguration() {
        return new Snapshot(schema);
    }

    /** Writes the schema, so a restored serializer reads the same columns. */
    public static final class Snapshot implements TypeSerializerSnapshot<VizRow> {
        private RowSchema schema;

        public Snapshot() {}

        Snapshot(RowSchema schema) {
            this.schema = schema;
        }

        @Override
        public int getCurrentVersion() {
            return 3;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            out.writeInt(schema.size());
            for (int i = 0; i < schema.size(); i++) {
                out.writeUTF(schema.name(i));
                out.writeByte(schema.type(i).ordinal());
            }
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader cl) throws IOException {
            int n = in.readInt();
            RowSchema s = RowSchema.empty();
            for (int i = 0; i < n; i++) {
                String name = in.readUTF();
                s = s.with(name, ColumnType.values()[in.readByte()]);
            }
            schema = s;
        }

        @Override
        public TypeSerializer<VizRow> restoreSerializer() {
            return new VizRowSerializer(schema);
        }

        @Override
        public TypeSerializerSchemaCompatibility<VizRow> resolveSchemaCompatibility(
                TypeSerializerSnapshot<VizRow> old) {
            return old instanceof Snapshot && schema.equals(((Snapshot) old).schema)
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
