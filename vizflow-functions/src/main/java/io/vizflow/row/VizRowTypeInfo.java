package io.vizflow.row;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of a stream of {@link VizRow}s with a known {@link RowSchema}. */
public final class VizRowTypeInfo extends SchemaTypeInfo<VizRow> {
    private static final long serialVersionUID = 1L;

    public VizRowTypeInfo(RowSchema schema) {
        super(schema);
    }

    /** The schema of a stream produced by VizFlow steps; fails if the stream is of another type. */
    public static RowSchema schemaOf(TypeInformation<?> type) {
        return schemaOf(type, VizRowTypeInfo.class, "VizRow");
    }

    @Override
    public int getArity() {
        return schema.size();
    }

    @Override
    public Class<VizRow> getTypeClass() {
        return VizRow.class;
    }

    @Override
    public TypeSerializer<VizRow> createSerializer(SerializerConfig config) {
        return new VizRowSerializer(schema);
    }

    @Override
    public String toString() {
        return "VizRow" + schema;
    }
}
