package io.vizflow.row;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of a stream of {@link RowBlock}s whose rows have a known {@link RowSchema}. */
public final class RowBlockTypeInfo extends SchemaTypeInfo<RowBlock> {
    private static final long serialVersionUID = 1L;

    public RowBlockTypeInfo(RowSchema schema) {
        super(schema);
    }

    @Override
    public Class<RowBlock> getTypeClass() {
        return RowBlock.class;
    }

    @Override
    public TypeSerializer<RowBlock> createSerializer(SerializerConfig config) {
        return new RowBlockSerializer(schema);
    }

    @Override
    public String toString() {
        return "RowBlock" + schema;
    }
}
