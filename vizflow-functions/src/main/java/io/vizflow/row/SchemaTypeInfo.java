package io.vizflow.row;

import org.apache.flink.api.common.typeinfo.TypeInformation;

/** What the Flink types of VizFlow's records share: a {@link RowSchema}, and equality by it. */
abstract class SchemaTypeInfo<T> extends TypeInformation<T> {
    private static final long serialVersionUID = 1L;

    final RowSchema schema;

    SchemaTypeInfo(RowSchema schema) {
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
    public boolean isKeyType() {
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o != null && o.getClass() == getClass() && schema.equals(((SchemaTypeInfo<?>) o).schema);
    }

    @Override
    public int hashCode() {
        return 31 * getClass().getName().hashCode() + schema.hashCode();
    }

    @Override
    public boolean canEqual(Object o) {
        return o != null && o.getClass() == getClass();
    }
}
