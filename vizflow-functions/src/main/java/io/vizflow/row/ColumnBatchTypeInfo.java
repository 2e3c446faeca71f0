package io.vizflow.row;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of a stream of {@link ColumnBatch}es of a known {@link RowSchema}. */
public final class ColumnBatchTypeInfo extends SchemaTypeInfo<ColumnBatch> {
    private static final long serialVersionUID = 1L;

    public ColumnBatchTypeInfo(RowSchema schema) {
        super(schema);
    }

    /** The schema of a stream of column batches; fails if the stream is of another type. */
    public static RowSchema schemaOf(TypeInformation<?> type) {
        return schemaOf(type, ColumnBatchTypeInfo.class, "ColumnBatch");
    }

    @Override
    public Class<ColumnBatch> getTypeClass() {
        return ColumnBatch.class;
    }

    @Override
    public TypeSerializer<ColumnBatch> createSerializer(SerializerConfig config) {
        return new ColumnBatchSerializer(schema);
    }

    @Override
    public String toString() {
        return "ColumnBatch" + schema;
    }
}
