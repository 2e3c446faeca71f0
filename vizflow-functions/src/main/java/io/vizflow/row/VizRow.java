package io.vizflow.row;

import java.util.Arrays;

/**
 * One row of market data as it flows through a pipeline: values by column position, typed by a
 * {@link RowSchema} that the stream carries (see {@link VizRowTypeInfo}).
 *
 * <p>Numbers and booleans live unboxed in one {@code long[]} (doubles as their raw bits, booleans
 * as 0/1), strings in a {@code String[]} that reaches only as far as the row's last string column
 * (made with its first string: rows of only numbers, most of them, have none; a row whose one
 * string is its side has a short one); a bit per column marks nulls. A step that adds columns
 * calls {@link #ensureWidth(int)} and sets them; nothing is copied column by column.
 */
public final class VizRow {
    private static final String[] NO_STRINGS = new String[0];
    long[] prims;
    String[] strings;
    long[] nulls;

    public VizRow(int width) {
        prims = new long[width];
        strings = NO_STRINGS;
        nulls = new long[words(width)];
    }

    /**
     * Spare columns a row is created with, so the steps that add columns after it is made (bins,
     * mostly) rarely copy it; more would cost every row held in a forward-return window.
     */
    static final int HEADROOM = 4;

    /** A row for {@code width} columns with room for a few more. */
    public static VizRow withHeadroom(int width) {
        return new VizRow(width + HEADROOM);
    }

    private static int words(int width) {
        return (width + 63) >>> 6;
    }

    public int width() {
        return prims.length;
    }

    /** Makes room for {@code width} columns (and a few more), keeping the values. */
    public VizRow ensureWidth(int width) {
        if (prims.length < width) {
            int w = width + HEADROOM;
            prims = Arrays.copyOf(prims, w);
            nulls = Arrays.copyOf(nulls, words(w));
        }
        return this;
    }

    public long getLong(int i) {
        return prims[i];
    }

    public double getDouble(int i) {
        return Double.longBitsToDouble(prims[i]);
    }

    public boolean getBoolean(int i) {
        return prims[i] != 0;
    }

    public String getString(int i) {
        return string(i);
    }

    private String string(int i) {
        return i < strings.length ? strings[i] : null;
    }

    public boolean isNull(int i) {
        return (nulls[i >>> 6] & (1L << i)) != 0;
    }

    public VizRow setLong(int i, long v) {
        prims[i] = v;
        nulls[i >>> 6] &= ~(1L << i);
        return this;
    }

    public VizRow setDouble(int i, double v) {
        prims[i] = Double.doubleToRawLongBits(v);
        nulls[i >>> 6] &= ~(1L << i);
        return this;
    }

    public VizRow setBoolean(int i, boolean v) {
        prims[i] = v ? 1 : 0;
        nulls[i >>> 6] &= ~(1L << i);
        return this;
    }

    public VizRow setString(int i, String v) {
        if (v == null) {
            return setNull(i);
        }
        if (i >= strings.length) {
            if (i >= prims.length) throw new ArrayIndexOutOfBoundsException("column " + i + " of a row of " + prims.length);
            strings = Arrays.copyOf(strings, i + 1);
        }
        strings[i] = v;
        nulls[i >>> 6] &= ~(1L << i);
        return this;
    }

    public VizRow setNull(int i) {
        prims[i] = 0;
        if (i < strings.length) strings[i] = null;
        nulls[i >>> 6] |= 1L << i;
        return this;
    }

    /** A value as a boxed Java object (Long, Double, String, Boolean or null), for tests and tools. */
    public Object get(int i, ColumnType type) {
        if (isNull(i)) return null;
        switch (type) {
            case LONG: return prims[i];
            case DOUBLE: return getDouble(i);
            case STRING: return getString(i);
            default: return prims[i] != 0;
        }
    }

    /** A copy with its own arrays, at least {@code width} wide. */
    public VizRow copy(int width) {
        VizRow c = new VizRow(0);
        int w = Math.max(width, prims.length);
        c.prims = Arrays.copyOf(prims, w);
        c.strings = strings.length == 0 ? NO_STRINGS : strings.clone();
        c.nulls = Arrays.copyOf(nulls, words(w));
        return c;
    }

    public VizRow copy() {
        return copy(prims.length);
    }

    /** Equal values in every column; spare columns (headroom) are empty and do not count. */
    @Override
    public boolean equals(Object o) {
        if (!(o instanceof VizRow)) return false;
        VizRow r = (VizRow) o;
        int n = Math.max(prims.length, r.prims.length);
        for (int i = 0; i < n; i++) {
            if (prim(i) != r.prim(i) || !java.util.Objects.equals(string(i), r.string(i))) return false;
        }
        int words = Math.max(nulls.length, r.nulls.length);
        for (int k = 0; k < words; k++) {
            if ((k < nulls.length ? nulls[k] : 0) != (k < r.nulls.length ? r.nulls[k] : 0)) return false;
        }
        return true;
    }

    private long prim(int i) {
        return i < prims.length ? prims[i] : 0;
    }

    @Override
    public int hashCode() {
        int last = prims.length - 1;
        while (last >= 0 && prims[last] == 0 && string(last) == null) last--;
        int h = 1;
        for (int i = 0; i <= last; i++) {
            h = 31 * h + Long.hashCode(prims[i]);
            h = 31 * h + (string(i) == null ? 0 : string(i).hashCode());
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("VizRow[");
        for (int i = 0; i < prims.length; i++) {
            if (i > 0) sb.append(", ");
            sb.append(isNull(i) ? "null" : string(i) != null ? string(i) : Long.toString(prims[i]));
        }
        return sb.append(']').toString();
    }
}
