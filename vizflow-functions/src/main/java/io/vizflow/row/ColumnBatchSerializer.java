package io.vizflow.row;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * Flink's serializer for {@link ColumnBatch}: its row count, then its rows as
 * {@link VizRowSerializer} writes them. A daily job never serializes a batch (the steps that see
 * them are chained to the source, with object reuse); this is for jobs that copy records between
 * chained steps (no object reuse) or break the chain.
 */
public final class ColumnBatchSerializer extends TypeSerializer<ColumnBatch> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;
    private final VizRowSerializer rows;

    public ColumnBatchSerializer(RowSchema schema) {
        this.schema = schema;
        this.rows = new VizRowSerializer(schema);
    }

    @Override
    public boolean isImmutableType() {
        return false;
    }

    @Override
    public TypeSerializer<ColumnBatch> duplicate() {
        return this; // stateless
    }

    @Override
    public ColumnBatch createInstance() {
        return new ColumnBatch(schema, 1);
    }

    @Override
    public ColumnBatch copy(ColumnBatch from) {
        ColumnBatch c = new ColumnBatch(schema, from.size());
        VizRow row = VizRow.withHeadroom(schema.size());
        for (int r = 0; r < from.size(); r++) c.add(from.row(r, row));
        return c;
    }

    @Override
    public ColumnBatch copy(ColumnBatch from, ColumnBatch reuse) {
        return copy(from);
    }

    @Override
    public int getLength() {
        return -1;
    }

    @Override
    public void serialize(ColumnBatch batch, DataOutputView out) throws IOException {
        out.writeInt(batch.size());
        VizRow row = VizRow.withHeadroom(schema.size());
        for (int r = 0; r < batch.size(); r++) rows.serialize(batch.row(r, row), out);
    }

    @Override
    public ColumnBatch deserialize(DataInputView in) throws IOException {
        int n = in.readInt();
        if (n < 0) throw new IOException("malformed ColumnBatch: " + n + " rows");
        ColumnBatch b = new ColumnBatch(schema, n);
        for (int r = 0; r < n; r++) b.add(rows.deserialize(in));
        return b;
    }

    @Override
    public ColumnBatch deserialize(ColumnBatch reuse, DataInputView in) throws IOException {
        return deserialize(in);
    }

    @Override
    public void copy(DataInputView source, DataOutputView target) throws IOException {
        int n = source.readInt();
        target.writeInt(n);
        for (int r = 0; r < n; r++) rows.copy(source, target);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ColumnBatchSerializer && schema.equals(((ColumnBatchSerializer) o).schema);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + 2;
    }

    @Override
    public TypeSerializerSnapshot<ColumnBatch> snapshotConfiguration() {
        return new Snapshot(schema);
    }

    /** The schema of the rows ({@link SchemaSnapshot}). */
    public static final class Snapshot extends SchemaSnapshot<ColumnBatch> {
        public Snapshot() {
        }

        Snapshot(RowSchema schema) {
            super(schema);
        }

        @Override
        TypeSerializer<ColumnBatch> restore(RowSchema schema) {
            return new ColumnBatchSerializer(schema);
        }
    }
}
