package io.vizflow.row;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink's serializer for {@link RowBlock}: its row count, its order keys and whether its rows are
 * in order, its length, then its bytes as {@link BlockWriter} encoded them. The shuffle and the keyed sort copy blocks without decoding
 * them; a block deserialized is always a new one, so an operator may keep it.
 */
public final class RowBlockSerializer extends TypeSerializer<RowBlock> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;

    public RowBlockSerializer(RowSchema schema) {
        this.schema = schema;
    }

    public RowSchema schema() {
        return schema;
    }

    @Override
    public boolean isImmutableType() {
        return true; // a block never changes after it is made
    }

    @Override
    public TypeSerializer<RowBlock> duplicate() {
        return this; // stateless
    }

    @Override
    public RowBlock createInstance() {
        VizRow empty = new VizRow(schema.size());
        for (int i = 0; i < schema.size(); i++) empty.setNull(i);
        return RowBlock.of(schema, empty);
    }

    @Override
    public RowBlock copy(RowBlock from) {
        return from;
    }

    @Override
    public RowBlock copy(RowBlock from, RowBlock reuse) {
        return from;
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(RowBlock block, DataOutputView out) throws IOException {
        byte[] data = block.data();
        out.writeInt(block.size());
        out.writeLong(block.minOrderKey());
        out.writeLong(block.maxOrderKey());
        out.writeBoolean(block.inOrder());
        out.writeInt(data.length);
        out.write(data);
    }

    @Override
    public RowBlock deserialize(DataInputView in) throws IOException {
        int size = in.readInt();
        long minKey = in.readLong();
        long maxKey = in.readLong();
        boolean inOrder = in.readBoolean();
        int length = in.readInt();
        if (size <= 0 || length < 0 || minKey > maxKey) {
            throw new IOException("malformed RowBlock: " + size + " rows, " + length + " bytes, order keys "
                    + minKey + " to " + maxKey);
        }
        byte[] data = new byte[length];
        in.readFully(data);
        return new RowBlock(size, data, minKey, maxKey, inOrder);
    }

    @Override
    public RowBlock deserialize(RowBlock reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        target.writeInt(source.readInt());
        target.writeLong(source.readLong());
        target.writeLong(source.readLong());
        target.writeBoolean(source.readBoolean());
        int length = source.readInt();
        target.writeInt(length);
        target.write(source, length);
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

    /** The schema of the rows ({@link SchemaSnapshot}). */
    public static final class Snapshot extends SchemaSnapshot<RowBlock> {
        public Snapshot() {
        }

        Snapshot(RowSchema schema) {
            super(schema);
        }

        @Override
        TypeSerializer<RowBlock> restore(RowSchema schema) {
            return new RowBlockSerializer(schema);
        }
    }
}
