package io.vizflow.row;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink's serializer for {@link RowBlock}: the block's length, then its columns as
 * {@link BlockCodec} encodes them. Always deserializes into new rows, so an operator may keep a
 * block it received (object reuse or not).
 */
public final class RowBlockSerializer extends TypeSerializer<RowBlock> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;
    private transient BlockCodec codec; // made on first use: a serializer travels in the job graph without it

    public RowBlockSerializer(RowSchema schema) {
        this.schema = schema;
    }

    public RowSchema schema() {
        return schema;
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<RowBlock> duplicate() {
        return new RowBlockSerializer(schema); // each has its own buffer
    }

    @Override
    public RowBlock createInstance() {
        return RowBlock.of(VizRow.withHeadroom(schema.size()));
    }

    @Override
    public RowBlock copy(RowBlock from) {
        VizRow[] copy = new VizRow[from.size()];
        for (int i = 0; i < copy.length; i++) copy[i] = from.row(i).copy();
        return new RowBlock(copy, copy.length);
    }

    @Override
    public RowBlock copy(RowBlock from, RowBlock reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RowBlock block, DataOutputView out) throws IOException {
        int length = codec().encode(block);
        out.writeInt(length);
        out.write(codec().buf, 0, length);
    }

    @Override
    public RowBlock deserialize(DataInputView in) throws IOException {
        int length = in.readInt();
        BlockCodec c = codec();
        c.reserve(length);
        in.readFully(c.buf, 0, length);
        try {
            return c.decode(length);
        } catch (RuntimeException e) {
            throw new IOException(e.getMessage(), e);
        }
    }

    @Override
    public RowBlock deserialize(RowBlock reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
    }

    private BlockCodec codec() {
        if (codec == null) {
            byte[] kinds = new byte[schema.size()];
            for (int i = 0; i < kinds.length; i++) {
                kinds[i] = (byte) schema.type(i).ordinal();
            }
            codec = new BlockCodec(kinds);
        }
        return codec;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowBlockSerializer && schema.equals(((RowBlockSerializer) o).schema);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + 1;
    }

    @Override
    public TypeSerializerSnapshot<RowBlock> snapshotConfiguration() {
        return new Snapshot(schema());
    }

    /** The schema of the rows, as {@link VizRowSerializer.Snapshot} writes it. */
    public static final class Snapshot implements TypeSerializerSnapshot<RowBlock> {
        private final VizRowSerializer.Snapshot rows;

        public Snapshot() {
            this.rows = new VizRowSerializer.Snapshot();
        }

        Snapshot(RowSchema schema) {
            this.rows = new VizRowSerializer.Snapshot(schema);
        }

        @Override
        public int getCurrentVersion() {
            return 1;
        }

        @Override
        public void writeSnapshot(DataOutputView out) throws IOException {
            rows.writeSnapshot(out);
        }

        @Override
        public void readSnapshot(int version, DataInputView in, ClassLoader cl) throws IOException {
            rows.readSnapshot(rows.getCurrentVersion(), in, cl);
        }

        @Override
        public TypeSerializer<RowBlock> restoreSerializer() {
            return new RowBlockSerializer(((VizRowSerializer) rows.restoreSerializer()).schema());
        }

        @Override
        public TypeSerializerSchemaCompatibility<RowBlock> resolveSchemaCompatibility(
                TypeSerializerSnapshot<RowBlock> old) {
            if (!(old instanceof Snapshot)) return TypeSerializerSchemaCompatibility.incompatible();
            return rows.resolveSchemaCompatibility(((Snapshot) old).rows).isCompatibleAsIs()
                    ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                    : TypeSerializerSchemaCompatibility.incompatible();
        }
    }
}
