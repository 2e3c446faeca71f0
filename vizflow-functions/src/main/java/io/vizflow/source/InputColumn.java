package io.vizflow.source;

import io.vizflow.row.ColumnType;

import java.io.Serializable;
import java.util.Objects;

/**
 * What one column of an input file becomes in the rows: the file's column {@code fileColumn},
 * named {@code name} and typed {@code type} in the rows.
 *
 * <ul>
 *   <li>{@code LONG}: Arrow integers (8 to 64 bits signed, 8 to 32 bits unsigned) and timestamps
 *       of any unit (the raw int64 in the file's unit, no conversion);
 *   <li>{@code DOUBLE}: floating point (32 or 64 bits) and integers (converted);
 *   <li>{@code STRING}: Utf8, LargeUtf8 and dictionary-encoded Utf8 / LargeUtf8;
 *   <li>{@code BOOLEAN}: Bool.
 * </ul>
 *
 * A {@code required} column refuses nulls: reading one fails with a message naming the file, the
 * column and the row.
 */
public record InputColumn(String fileColumn, String name, ColumnType type, boolean required)
        implements Serializable {

    public InputColumn {
        Objects.requireNonNull(fileColumn, "fileColumn");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }

    /** A column kept under its file name. */
    public static InputColumn of(String column, ColumnType type, boolean required) {
        return new InputColumn(column, column, type, required);
    }
}
