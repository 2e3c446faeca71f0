package io.vizflow.row;

import org.apache.flink.api.common.serialization.SerializerConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/** The Flink type of a stream of {@link RowBlock}s whose rows have a known {@link RowSchema}. */
public final class RowBlockTypeInfo extends TypeInformation<RowBlock> {
    private static final long serialVersionUID = 1L;

    private final RowSchema schema;

    public RowBlockTypeInfo(RowSchema schema) {
        this.schema = schema;
    }

    public RowSchema schema() {
        return schema;
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
        return 1;
    }

    @Override
    public int getTotalFields() {
        return 1;
    }

    @Override
    public Class<RowBlock> getTypeClass() {
        return RowBlock.class;
    }

    @Override
    public boolean isKeyType() {
        return false;
    }

    @Override
    public TypeSerializer<RowBlock> createSerializer(SerializerConfig config) {
        return new RowBlockSerializer(schema);
    }

    @Override
    public String toString() {
        return "RowBlock" + schema;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowBlockTypeInfo && schema.equals(((RowBlockTypeInfo) o).schema);
    }

    @Override
    public int hashCode() {
        return 31 * schema.hashCode() + 7;
    }

    @Override
    public boolean canEqual(Object o) {
        return o instanceof RowBlockTypeInfo;
    }
}
