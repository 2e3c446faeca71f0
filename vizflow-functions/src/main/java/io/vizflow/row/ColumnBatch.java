package io.vizflow.row;

import java.util.Arrays;

/**
 * Consecutive rows of a file held column by column: what the source hands the first steps of a
 * day ({@code parse_time}, grouping by symbol), so that they run as loops over arrays, one call
 * per batch instead of one per row.
 *
 * <p>Each column is an array of its values (numbers and booleans as longs: doubles as their raw
 * bits, booleans as 0/1; strings as {@code String}s) and, when some of its rows are null, a bit
 * per row marking them. A batch is made once and refilled, batch after batch (Flink's object
 * reuse); a step that adds a column calls {@link #ensureColumns} and fills it.
 */
public final class ColumnBatch {
    private ColumnType[] types;
    long[][] values; // read in place by BlockWriter
    String[][] strings;
    private long[][] nulls;
    private boolean[] hasNulls;
    private int capacity;
    private int size;

    /** An empty batch of {@code schema}'s columns with room for {@code capacity} rows. */
    public ColumnBatch(RowSchema schema, int capacity) {
        this(new ColumnType[0], capacity);
        ensureColumns(schema);
    }

    /** An empty batch of columns of these types with room for {@code capacity} rows. */
    public ColumnBatch(ColumnType[] columnTypes, int capacity) {
        this.capacity = Math.max(1, capacity);
        this.types = new ColumnType[0];
        this.values = new long[0][];
        this.strings = new String[0][];
        this.nulls = new long[0][];
        this.hasNulls = new boolean[0];
        ensureColumns(columnTypes);
    }

    /** A batch of these rows, all of {@code schema} (tests and tools). */
    public static ColumnBatch of(RowSchema schema, VizRow... rows) {
        ColumnBatch b = new ColumnBatch(schema, rows.length);
        for (VizRow r : rows) b.add(r);
        return b;
    }

    /** Makes room for the columns of {@code schema}, which extends this batch's (a step's output). */
    public ColumnBatch ensureColumns(RowSchema schema) {
        ColumnType[] t = new ColumnType[schema.size()];
        for (int c = 0; c < t.length; c++) t[c] = schema.type(c);
        return ensureColumns(t);
    }

    private ColumnBatch ensureColumns(ColumnType[] schema) {
        int width = schema.length;
        if (width > types.length) {
            int old = types.length;
            types = Arrays.copyOf(types, width);
            values = Arrays.copyOf(values, width);
            strings = Arrays.copyOf(strings, width);
            nulls = Arrays.copyOf(nulls, width);
            hasNulls = Arrays.copyOf(hasNulls, width);
            for (int c = old; c < width; c++) {
                types[c] = schema[c];
                if (types[c] == ColumnType.STRING) {
                    strings[c] = new String[capacity];
                } else {
                    values[c] = new long[capacity];
                }
            }
        }
        return this;
    }

    public int width() {
        return types.length;
    }

    public int size() {
        return size;
    }

    public int capacity() {
        return capacity;
    }

    /**
     * Empties the batch for {@code n} new rows, growing it if needed; every column must then be
     * filled and its nulls marked ({@link #clearNulls}, {@link #setNull}).
     */
    public void reset(int n) {
        if (n > capacity) grow(Math.max(n, capacity + (capacity >>> 1)));
        size = n;
    }

    /** Room for {@code rows} rows, the rows held so far kept. */
    private void grow(int rows) {
        capacity = rows;
        for (int c = 0; c < types.length; c++) {
            if (values[c] != null) values[c] = Arrays.copyOf(values[c], capacity);
            if (strings[c] != null) strings[c] = Arrays.copyOf(strings[c], capacity);
            if (nulls[c] != null) nulls[c] = Arrays.copyOf(nulls[c], (capacity + 63) >>> 6);
        }
    }

    /** The values of number or boolean column {@code c}: longs, doubles' raw bits, 0/1. */
    public long[] longs(int c) {
        long[] v = values[c];
        if (v == null) throw new IllegalArgumentException("column " + c + " is " + types[c]);
        return v;
    }

    /** The values of string column {@code c}. */
    public String[] strings(int c) {
        String[] v = strings[c];
        if (v == null) throw new IllegalArgumentException("column " + c + " is " + types[c]);
        return v;
    }

    /** Whether any row of column {@code c} is null. */
    public boolean hasNulls(int c) {
        return hasNulls[c];
    }

    public boolean isNull(int c, int row) {
        return hasNulls[c] && (nulls[c][row >>> 6] & (1L << row)) != 0;
    }

    /** Marks no row of column {@code c} null. */
    public void clearNulls(int c) {
        if (hasNulls[c]) {
            Arrays.fill(nulls[c], 0);
            hasNulls[c] = false;
        }
    }

    /** Marks row {@code row} of column {@code c} null (its value is then 0 or a null string). */
    public void setNull(int c, int row) {
        long[] bits = nulls[c];
        if (bits == null) {
            bits = nulls[c] = new long[(capacity + 63) >>> 6];
        }
        bits[row >>> 6] |= 1L << row;
        hasNulls[c] = true;
        if (values[c] != null) values[c][row] = 0;
        else strings[c][row] = null;
    }

    /** Appends a row (its first {@link #width()} columns) after the first {@link #size()}; the batch grows as needed. */
    public void add(VizRow row) {
        add(row, types.length);
    }

    /**
     * Appends a row's first {@code columns} columns (a step's, in a batch that later steps widened);
     * the batch grows as needed. The columns past them are left for the later steps to fill.
     */
    public void add(VizRow row, int columns) {
        int r = newRow();
        // the values first, one plain loop; then only the row's null bits that are set
        long[] from = row.prims;
        String[] texts = row.strings;
        for (int c = 0; c < columns; c++) {
            long[] v = values[c];
            if (v != null) {
                v[r] = from[c];
            } else {
                strings[c][r] = c < texts.length ? texts[c] : null;
            }
        }
        int words = (columns + 63) >>> 6;
        for (int k = 0; k < words; k++) {
            long bits = row.nulls[k];
            if (k == words - 1 && (columns & 63) != 0) bits &= (1L << columns) - 1;
            while (bits != 0) {
                setNull((k << 6) + Long.numberOfTrailingZeros(bits), r);
                bits &= bits - 1;
            }
        }
    }

    /**
     * Appends columns {@code columns} of a row, in that order, as this batch's first columns (the
     * columns a later step reads of a wider row); the batch grows as needed.
     */
    public void add(VizRow row, int[] columns) {
        int r = newRow();
        long[] from = row.prims;
        String[] texts = row.strings;
        long[] bits = row.nulls;
        for (int c = 0; c < columns.length; c++) {
            int f = columns[c];
            if ((bits[f >>> 6] & (1L << f)) != 0) {
                setNull(c, r);
            } else if (values[c] != null) {
                values[c][r] = from[f];
            } else {
                strings[c][r] = texts[f];
            }
        }
    }

    /**
     * Makes this batch the rows of {@code from}, columns {@code columns} in that order as its first
     * columns, sharing their arrays (no copy): a step that drops columns. Columns a later step added
     * to this batch stay its own, grown if {@code from} holds more rows than they have room for.
     */
    public ColumnBatch shareColumnsOf(ColumnBatch from, int[] columns) {
        capacity = from.capacity;
        size = from.size;
        for (int c = 0; c < columns.length; c++) {
            int f = columns[c];
            types[c] = from.types[f];
            values[c] = from.values[f];
            strings[c] = from.strings[f];
            nulls[c] = from.nulls[f];
            hasNulls[c] = from.hasNulls[f];
        }
        for (int c = columns.length; c < types.length; c++) {
            if (values[c] != null && values[c].length < capacity) values[c] = Arrays.copyOf(values[c], capacity);
            if (strings[c] != null && strings[c].length < capacity) strings[c] = Arrays.copyOf(strings[c], capacity);
            if (nulls[c] != null && nulls[c].length < (capacity + 63) >>> 6) nulls[c] = Arrays.copyOf(nulls[c], (capacity + 63) >>> 6);
        }
        return this;
    }

    /**
     * Appends rows {@code [from, to)} of {@code batch} (its first {@link #width()} columns, which
     * must be of this batch's types); the batch grows as needed.
     */
    public void addRows(ColumnBatch batch, int from, int to) {
        int at = newRows(to - from);
        for (int c = 0; c < types.length; c++) copy(c, at, batch, c, from, to - from);
    }

    /**
     * Appends rows {@code rows[0]}, ..., {@code rows[n - 1]} of {@code batch}, in that order (its
     * first {@link #width()} columns, which must be of this batch's types); the batch grows as
     * needed. A gather, column by column.
     */
    public void addRows(ColumnBatch batch, int[] rows, int n) {
        int at = newRows(n);
        for (int c = 0; c < types.length; c++) gather(c, at, batch, c, rows, n);
    }

    /**
     * Appends {@code n} rows whose columns the caller then sets ({@link #gather}, {@link #copy},
     * {@link #longs}, {@link #setNull}); the index of the first. The batch grows as needed.
     */
    public int addRows(int n) {
        return newRows(n);
    }

    /**
     * Sets column {@code c} of rows {@code [at, at + n)} to column {@code f} of rows
     * {@code rows[0]}, ..., {@code rows[n - 1]} of {@code from} (of the same type), nulls too.
     */
    public void gather(int c, int at, ColumnBatch from, int f, int[] rows, int n) {
        if (values[c] != null) {
            long[] src = from.values[f];
            long[] to = values[c];
            for (int i = 0; i < n; i++) to[at + i] = src[rows[i]];
        } else {
            String[] src = from.strings[f];
            String[] to = strings[c];
            for (int i = 0; i < n; i++) to[at + i] = src[rows[i]];
        }
        if (from.hasNulls[f]) {
            for (int i = 0; i < n; i++) {
                if (from.isNull(f, rows[i])) setNull(c, at + i);
            }
        }
    }

    /**
     * Sets column {@code c} of rows {@code [at, at + n)} to column {@code f} of rows
     * {@code [first, first + n)} of {@code from} (of the same type), nulls too.
     */
    public void copy(int c, int at, ColumnBatch from, int f, int first, int n) {
        if (values[c] != null) {
            System.arraycopy(from.values[f], first, values[c], at, n);
        } else {
            System.arraycopy(from.strings[f], first, strings[c], at, n);
        }
        if (from.hasNulls[f]) {
            for (int i = 0; i < n; i++) {
                if (from.isNull(f, first + i)) setNull(c, at + i);
            }
        }
    }

    /** Removes the first {@code k} rows; the others move to the front, in order. */
    public void dropFirst(int k) {
        int n = size - k;
        for (int c = 0; c < types.length; c++) {
            if (values[c] != null) {
                System.arraycopy(values[c], k, values[c], 0, n);
            } else {
                System.arraycopy(strings[c], k, strings[c], 0, n);
                Arrays.fill(strings[c], n, size, null);
            }
            if (hasNulls[c]) {
                long[] bits = nulls[c];
                long[] moved = new long[bits.length];
                boolean any = false;
                for (int r = 0; r < n; r++) {
                    if ((bits[(r + k) >>> 6] & (1L << (r + k))) != 0) {
                        moved[r >>> 6] |= 1L << r;
                        any = true;
                    }
                }
                nulls[c] = moved;
                hasNulls[c] = any;
            }
        }
        size = n;
    }

    /** A row at the end; its index. */
    private int newRow() {
        return newRows(1);
    }

    /**
     * {@code n} rows at the end (the first of an emptied batch forgets the nulls of the rows
     * before); the index of the first.
     */
    private int newRows(int n) {
        int r = size;
        if (r == 0) {
            for (int c = 0; c < types.length; c++) clearNulls(c);
        }
        if (r + n > capacity) grow(Math.max(Math.max(8, r + n), capacity * 2));
        size = r + n;
        return r;
    }

    /** Row {@code r} into {@code into} (made and reused by the caller, as wide as the batch). */
    public VizRow row(int r, VizRow into) {
        into.ensureWidth(types.length);
        for (int c = 0; c < types.length; c++) get(r, c, into);
        return into;
    }

    private void get(int r, int c, VizRow into) {
        if (isNull(c, r)) {
            into.setNull(c);
        } else if (values[c] != null) {
            into.setLong(c, values[c][r]);
        } else {
            into.setString(c, strings[c][r]);
        }
    }

    /** Sets columns {@code [from, to)} of row {@code r} to those of {@code row}. */
    public void set(int r, VizRow row, int from, int to) {
        for (int c = from; c < to; c++) {
            if (row.isNull(c)) {
                setNull(c, r);
                continue;
            }
            if (hasNulls[c]) nulls[c][r >>> 6] &= ~(1L << r);
            if (values[c] != null) {
                values[c][r] = row.prims[c];
            } else {
                strings[c][r] = row.strings[c];
            }
        }
    }

    /** The same columns and, row by row, equal values and nulls (spare capacity does not count). */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof ColumnBatch)) return false;
        ColumnBatch b = (ColumnBatch) o;
        if (size != b.size || !Arrays.equals(types, b.types)) return false;
        for (int c = 0; c < types.length; c++) {
            for (int r = 0; r < size; r++) {
                boolean isNull = isNull(c, r);
                if (isNull != b.isNull(c, r)) return false;
                if (isNull) continue;
                if (values[c] != null ? values[c][r] != b.values[c][r] : !strings[c][r].equals(b.strings[c][r])) {
                    return false;
                }
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * size + Arrays.hashCode(types);
        for (int c = 0; c < types.length; c++) {
            for (int r = 0; r < size; r++) {
                if (isNull(c, r)) continue;
                h = 31 * h + (values[c] != null ? Long.hashCode(values[c][r]) : strings[c][r].hashCode());
            }
        }
        return h;
    }

    @Override
    public String toString() {
        return "ColumnBatch[" + size + " rows, " + types.length + " columns]";
    }
}
