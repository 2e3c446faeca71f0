package io.vizflow.row;

import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.common.typeutils.TypeSerializerSchemaCompatibility;
import org.apache.flink.api.common.typeutils.TypeSerializerSnapshot;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;

import java.io.IOException;

/**
 * The snapshot of a serializer of records made of rows ({@link RowBlock}, {@link ColumnBatch}):
 * the rows' schema, as {@link VizRowSerializer.Snapshot} writes it; compatible as is when the
 * schemas are.
 */
abstract class SchemaSnapshot<T> implements TypeSerializerSnapshot<T> {
    private final VizRowSerializer.Snapshot rows;

    SchemaSnapshot() {
        this.rows = new VizRowSerializer.Snapshot();
    }

    SchemaSnapshot(RowSchema schema) {
        this.rows = new VizRowSerializer.Snapshot(schema);
    }

    /** The serializer for records of rows of {@code schema}. */
    abstract TypeSerializer<T> restore(RowSchema schema);

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
    public TypeSerializer<T> restoreSerializer() {
        return restore(((VizRowSerializer) rows.restoreSerializer()).schema());
    }

    @Override
    public TypeSerializerSchemaCompatibility<T> resolveSchemaCompatibility(TypeSerializerSnapshot<T> old) {
        if (old == null || old.getClass() != getClass()) return TypeSerializerSchemaCompatibility.incompatible();
        return rows.resolveSchemaCompatibility(((SchemaSnapshot<T>) old).rows).isCompatibleAsIs()
                ? TypeSerializerSchemaCompatibility.compatibleAsIs()
                : TypeSerializerSchemaCompatibility.incompatible();
    }
}
