package io.vizflow.row;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The ordered, named and typed columns of the rows flowing between the steps of a pipeline.
 *
 * <p>A step that adds columns builds its output schema with {@link #with(String, ColumnType)}; rows
 * keep their values by position, so the columns of the input stay where they were.
 */
public final class RowSchema implements Serializable {
    private static final long serialVersionUID = 1L;

    private final List<String> names;
    private final List<ColumnType> types;
    private final Map<String, Integer> index;

    private RowSchema(List<String> names, List<ColumnType> types) {
        this.names = List.copyOf(names);
        this.types = List.copyOf(types);
        Map<String, Integer> idx = new LinkedHashMap<>();
        for (int i = 0; i < names.size(); i++) {
            if (idx.put(names.get(i), i) != null) {
                throw new IllegalArgumentException("column '" + names.get(i) + "' is defined twice");
            }
        }
        this.index = Collections.unmodifiableMap(idx);
    }

    public static RowSchema empty() {
        return new RowSchema(List.of(), List.of());
    }

    /** This schema with one more column at the end. */
    public RowSchema with(String name, ColumnType type) {
        List<String> n = new ArrayList<>(names);
        List<ColumnType> t = new ArrayList<>(types);
        n.add(name);
        t.add(type);
        return new RowSchema(n, t);
    }

    /**
     * The columns named, in that order (Polars' {@code select} of plain columns); fails naming a
     * column that does not exist.
     */
    public RowSchema select(List<String> columns) {
        List<ColumnType> t = new ArrayList<>();
        for (String c : columns) t.add(type(c));
        return new RowSchema(columns, t);
    }

    /** The positions of the columns named, in that order. */
    public int[] indexesOf(List<String> columns) {
        int[] at = new int[columns.size()];
        for (int i = 0; i < at.length; i++) at[i] = indexOf(columns.get(i));
        return at;
    }

    public int size() {
        return names.size();
    }

    public String name(int i) {
        return names.get(i);
    }

    public ColumnType type(int i) {
        return types.get(i);
    }

    /** One past the last string column (0 without strings): how far a row's strings reach. */
    public int stringWidth() {
        int last = -1;
        for (int c = 0; c < size(); c++) if (type(c) == ColumnType.STRING) last = c;
        return last + 1;
    }

    public List<String> names() {
        return names;
    }

    public boolean contains(String name) {
        return index.containsKey(name);
    }

    /** Position of a column; fails with a message naming the column and the ones that exist. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        if (i == null) {
            throw new IllegalArgumentException("unknown column '" + name + "'; columns are " + names);
        }
        return i;
    }

    /** Position of a column that must have the given type. */
    public int indexOf(String name, ColumnType expected) {
        int i = indexOf(name);
        if (types.get(i) != expected) {
            throw new IllegalArgumentException(
                    "column '" + name + "' is " + types.get(i) + ", expected " + expected);
        }
        return i;
    }

    public ColumnType type(String name) {
        return types.get(indexOf(name));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RowSchema
                && names.equals(((RowSchema) o).names)
                && types.equals(((RowSchema) o).types);
    }

    @Override
    public int hashCode() {
        return Objects.hash(names, types);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(names.get(i)).append(' ').append(types.get(i));
        }
        return sb.append(')').toString();
    }
}
