package io.vizflow.row;

/** The value types a VizFlow row carries. Integers are int64, reals are float64 (as in the partials). */
public enum ColumnType {
    LONG,
    DOUBLE,
    STRING,
    BOOLEAN;

    /** The Flink SQL type name, used when the rows become a table. */
    public String sqlType() {
        switch (this) {
            case LONG: return "BIGINT";
            case DOUBLE: return "DOUBLE";
            case STRING: return "STRING";
            default: return "BOOLEAN";
        }
    }
}
