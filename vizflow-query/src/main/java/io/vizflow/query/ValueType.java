package io.vizflow.query;

import java.util.Locale;

/** The type of a column of the consolidated dataset, as Java sees its values. */
public enum ValueType {
    /** int64 ({@link Long}): bins, counts, integer sums. */
    INTEGER,
    /** double ({@link Double}): real sums, derived metrics, a bin's real value. */
    REAL,
    /** text ({@link String}): sides, string symbols. */
    TEXT,
    /** {@link Boolean}: flags such as {@code is_closed}. */
    BOOLEAN,
    /** {@link java.time.LocalDate}: the {@code date} column. */
    DATE;

    /** The type of a manifest type name (BIGINT, DOUBLE, VARCHAR, BOOLEAN, DATE and their synonyms). */
    static ValueType of(String sqlType) {
        switch (sqlType.toUpperCase(Locale.ROOT)) {
            case "BIGINT": case "INTEGER": case "INT": case "SMALLINT": case "TINYINT": case "INT64": case "INT32":
                return INTEGER;
            case "DOUBLE": case "FLOAT": case "REAL":
                return REAL;
            case "VARCHAR": case "STRING": case "TEXT":
                return TEXT;
            case "BOOLEAN":
                return BOOLEAN;
            case "DATE":
                return DATE;
            default:
                throw new IllegalArgumentException("unsupported column type " + sqlType);
        }
    }

    /** The DuckDB type of a column of this type. */
    String duckdb() {
        switch (this) {
            case INTEGER: return "BIGINT";
            case REAL: return "DOUBLE";
            case TEXT: return "VARCHAR";
            case BOOLEAN: return "BOOLEAN";
            default: return "DATE";
        }
    }
}
