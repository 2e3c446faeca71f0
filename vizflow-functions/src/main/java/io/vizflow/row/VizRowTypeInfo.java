package io.vizflow.row;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of a stream of {@link VizRow}s with a known {@link RowSchema}. */
public final class VizRowTypeInfo extends TypeInformation<VizRow> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;

    public VizRowTypeInfo(RowSchema schema) {
        this.schema = schema;
    }

    public RowSchema schema() {
        return schema;
    }

    /** The schema of a stream produced by VizFlow steps; fails if the stream is of another type. */
    public static RowSchema schemaOf(TypeInformation<?> type) {
        if (!(type instanceof VizRowTypeInfo)) {
            throw new IllegalArgumentException("expected a stream of VizRow, got " + type);
        }
        return ((VizRowTypeInfo) type).schema;
    }

    @Override
    public boolean isBasicType() {
        return false;
    }

    @Override
    public boolean isTupleType() {
        return false;
    }

    @Override
    public int getArity() {
        return schema.size();
    }

    @Override
    public int getTotalFields() {
        return schema.size();
    }

    @Override
    public Class<VizRow> getTypeClass() {
        return VizRow.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<VizRow> createSerializer(SerializerConfig config) {
        return new VizRowSerializer(schema);
    }

    @Override
    public String toString() {
        return "VizRow" + schema;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VizRowTypeInfo && schema.equals(((VizRowTypeInfo) o).schema);
    }

    @Override
    public int hashCode() {
        return schema.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof VizRowTypeInfo;
    }
}
