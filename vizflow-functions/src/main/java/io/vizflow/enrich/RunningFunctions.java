package io.vizflow.enrich;

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
                return acc;
            }
            if (row.isNull(index)) {
                return acc;
            }
            boolean first = acc[1] == 0;
            acc[1] = 1;
            if (type == ColumnType.DOUBLE) {
                double v = row.getDouble(index);
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
                long v = row.getLong(index);
                switch (kind) {
                    case SUM: acc[0] = first ? v : acc[0] + v; break;
                    case MIN: acc[0] = first ? v : Math.min(acc[0], v); break;
                    case MAX: acc[0] = first ? v : Math.max(acc[0], v); break;
                    default: acc[0] = v;
                }
            } else {
                acc[0] = row.getBoolean(index) ? 1 : 0; // last(col) of a boolean column
            }
            return acc;
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
