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

    /** The schema of a stream whose type is {@code info}; fails naming {@code what} if it is of another type. */
    static RowSchema schemaOf(TypeInformation<?> type, Class<? extends SchemaTypeInfo<?>> info, String what) {
        if (!info.isInstance(type)) {
            throw new IllegalArgumentException("expected a stream of " + what + ", got " + type);
        }
        return ((SchemaTypeInfo<?>) type).schema;
    }

    /** One field: the record as a whole (rows themselves count their columns). */
    @Override
    public int getArity() {
        return 1;
    }

    @Override
    public int getTotalFields() {
        return getArity();
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
