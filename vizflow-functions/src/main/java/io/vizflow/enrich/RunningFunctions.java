package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The built-in running functions: {@code count} (1-based), {@code sum(col)}, {@code min(col)},
 * {@code max(col)} and {@code last(col)} (the last non-null value; numbers and booleans). Nulls are skipped, as in SQL.
 * Their accumulator is a {@code long[2]}: the value (a double's raw bits for real columns) and
 * whether a value was seen.
 */
public final class RunningFunctions {
    private static final Pattern SPEC =
            Pattern.compile("\\s*(count|sum|min|max|last)\\s*(?:\\(\\s*([A-Za-z_][A-Za-z0-9_]*)?\\s*\\))?\\s*");

    private RunningFunctions() {}

    /** Parses a config value such as {@code count} or {@code sum(qty)}. */
    public static RunningFunction<long[]> parse(String spec) {
        Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + spec
                    + "' is not a running function; use count, sum(col), min(col), max(col) or last(col)");
        }
        String fn = m.group(1);
        String col = m.group(2) == null ? null : spec.replaceAll(".*\\(\\s*|\\s*\\).*", "");
        if (fn.equals("count")) {
            return count();
        }
        if (col == null) {
            throw new IllegalArgumentException("'" + spec + "': " + fn + " needs a column, as in " + fn + "(qty)");
        }
        return new Fold(Kind.valueOf(fn.toUpperCase(Locale.ROOT)), col);
    }

    public static RunningFunction<long[]> count() {
        return new Fold(Kind.COUNT, null);
    }

    public static RunningFunction<long[]> sum(String column) {
        return new Fold(Kind.SUM, column);
    }

    public static RunningFunction<long[]> min(String column) {
        return new Fold(Kind.MIN, column);
    }

    public static RunningFunction<long[]> max(String column) {
        return new Fold(Kind.MAX, column);
    }

    public static RunningFunction<long[]> last(String column) {
        return new Fold(Kind.LAST, column);
    }

    private enum Kind { COUNT, SUM, MIN, MAX, LAST }

    private static final class Fold implements RunningFunction<long[]> {
        private static final long serialVersionUID = 1L;

        private final Kind kind;
        private final String column;
        private int index = -1;
        private ColumnType type = ColumnType.LONG;

        Fold(Kind kind, String column) {
            this.kind = kind;
            this.column = column;
        }

        @Override
        public ColumnType bind(RowSchema input) {
            if (kind == Kind.COUNT) {
                return ColumnType.LONG;
            }
            index = input.indexOf(column);
            type = input.type(index);
            if (type == ColumnType.STRING || (kind != Kind.LAST && type == ColumnType.BOOLEAN)) {
                throw new IllegalArgumentException(kind.name().toLowerCase(Locale.ROOT) + "(" + column
                        + "): column '" + column + "' is " + type + ", expected a number" + (kind == Kind.LAST ? " or boolean" : ""));
            }
            return type;
        }

        @Override
        public List<String> columnsRead() {
            return kind == Kind.COUNT ? List.of() : List.of(column);
        }

        @Override
        public TypeInformation<long[]> accumulatorType() {
            return PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO;
        }

        @Override
        public long[] create() {
            return new long[2];
        }

        @Override
        public long[] add(long[] acc, VizRow row) {
            if (kind == Kind.COUNT) {
                acc[0]++;
                acc[1] = 1;
            } else if (!row.isNull(index)) {
                fold(acc, row.getLong(index));
            }
            return acc;
        }

        @Override
        public long[] addAll(long[] acc, ColumnBatch rows, int column) {
            int n = rows.size();
            long[] out = rows.longs(column);
            if (kind == Kind.COUNT) {
                long count = acc[0];
                for (int r = 0; r < n; r++) out[r] = ++count;
                acc[0] = count;
                if (n > 0) acc[1] = 1;
                return acc;
            }
            long[] in = rows.longs(index);
            boolean nulls = rows.hasNulls(index);
            for (int r = 0; r < n; r++) {
                if (!nulls || !rows.isNull(index, r)) fold(acc, in[r]);
                if (acc[1] == 0) {
                    rows.setNull(column, r);
                } else {
                    out[r] = acc[0]; // the running value as the column holds it: int64, real bits or 0/1
                }
            }
            return acc;
        }

        /** Folds in a value of the column (int64, real bits or boolean 0/1). */
        private void fold(long[] acc, long value) {
            boolean first = acc[1] == 0;
            acc[1] = 1;
            if (type == ColumnType.DOUBLE) {
                double v = Double.longBitsToDouble(value);
                double a = Double.longBitsToDouble(acc[0]);
                double r;
                switch (kind) {
                    case SUM: r = first ? v : a + v; break;
                    case MIN: r = first ? v : Math.min(a, v); break;
                    case MAX: r = first ? v : Math.max(a, v); break;
                    default: r = v;
                }
                acc[0] = Double.doubleToRawLongBits(r);
            } else if (type == ColumnType.LONG) {
                switch (kind) {
                    case SUM: acc[0] = first ? value : acc[0] + value; break;
                    case MIN: acc[0] = first ? value : Math.min(acc[0], value); break;
                    case MAX: acc[0] = first ? value : Math.max(acc[0], value); break;
                    default: acc[0] = value;
                }
            } else {
                acc[0] = value != 0 ? 1 : 0; // last(col) of a boolean column
            }
        }

        @Override
        public void write(long[] acc, VizRow row, int column) {
            if (acc[1] == 0) {
                row.setNull(column);
                return;
            }
            switch (type) {
                case DOUBLE: row.setDouble(column, Double.longBitsToDouble(acc[0])); break;
                case LONG: row.setLong(column, acc[0]); break;
                default: row.setBoolean(column, acc[0] != 0);
            }
        }
    }
}
