package io.vizflow.query;

import java.math.BigDecimal;
import java.math.MathContext;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The answer to a {@link Query}: one row per group, in group order (nulls last). The columns are
 * the group-by dimensions, each bin followed by its real value ({@code alpha1_bin}, then
 * {@code alpha1} = bin x width), then the metrics and derived metrics in the query's order.
 * Values are {@link Long}, {@link Double}, {@link String}, {@link Boolean}, {@link LocalDate} or
 * null.
 */
public final class QueryResult {
    /** What a column holds. */
    public enum Kind { DIMENSION, BIN_VALUE, METRIC, DERIVED }

    /**
     * A column of the result.
     *
     * @param name its name
     * @param kind what it holds
     * @param type the Java type of its values
     */
    public record Column(String name, Kind kind, ValueType type) {}

    private final List<Column> columns;
    private final List<List<Object>> rows;
    private final List<LocalDate> dates;
    private final Duration elapsed;
    private final Map<String, Integer> index;

    QueryResult(List<Column> columns, List<List<Object>> rows, List<LocalDate> dates, Duration elapsed) {
        this.columns = List.copyOf(columns);
        List<List<Object>> rs = new ArrayList<>(rows.size());
        for (List<Object> r : rows) rs.add(Collections.unmodifiableList(new ArrayList<>(r)));
        this.rows = Collections.unmodifiableList(rs);
        this.dates = List.copyOf(dates);
        this.elapsed = elapsed;
        Map<String, Integer> ix = new LinkedHashMap<>();
        for (int i = 0; i < columns.size(); i++) ix.put(columns.get(i).name(), i);
        this.index = Collections.unmodifiableMap(ix);
    }

    public List<Column> columns() {
        return columns;
    }

    /** The rows, each a list of values in column order. */
    public List<List<Object>> rows() {
        return rows;
    }

    public int size() {
        return rows.size();
    }

    /** The position of a column. */
    public int columnIndex(String name) {
        Integer i = index.get(name);
        if (i == null) throw new QueryException("the result has no column '" + Dataset.shorten(name) + "'; columns are " + index.keySet());
        return i;
    }

    /** A value of a row. */
    public Object get(int row, String column) {
        return rows.get(row).get(columnIndex(column));
    }

    /** The dates the result covers (held by the dataset and chosen by the query). */
    public List<LocalDate> dates() {
        return dates;
    }

    /** How long the query took. */
    public Duration elapsed() {
        return elapsed;
    }

    /** The result as CSV: a header, then one line per row; full precision, null as an empty field. */
    public String toCsv() {
        StringBuilder sb = new StringBuilder();
        List<String> header = new ArrayList<>();
        for (Column c : columns) header.add(csv(c.name()));
        sb.append(String.join(",", header)).append('\n');
        for (List<Object> r : rows) {
            List<String> cells = new ArrayList<>();
            for (Object v : r) cells.add(v == null ? "" : csv(String.valueOf(v)));
            sb.append(String.join(",", cells)).append('\n');
        }
        return sb.toString();
    }

    /** The result as an aligned text table, reals to 6 significant digits. */
    public String toText() {
        List<List<String>> cells = new ArrayList<>();
        List<String> header = new ArrayList<>();
        for (Column c : columns) header.add(c.name());
        cells.add(header);
        for (List<Object> r : rows) {
            List<String> line = new ArrayList<>();
            for (Object v : r) line.add(text(v));
            cells.add(line);
        }
        int[] width = new int[columns.size()];
        for (List<String> line : cells) {
            for (int i = 0; i < line.size(); i++) width[i] = Math.max(width[i], line.get(i).length());
        }
        StringBuilder sb = new StringBuilder();
        for (int l = 0; l < cells.size(); l++) {
            List<String> line = cells.get(l);
            for (int i = 0; i < line.size(); i++) {
                boolean right = columns.get(i).type() == ValueType.INTEGER || columns.get(i).type() == ValueType.REAL;
                String cell = line.get(i);
                String pad = " ".repeat(width[i] - cell.length());
                if (i > 0) sb.append("  ");
                sb.append(right && l > 0 ? pad + cell : cell + pad);
            }
            sb.append('\n');
            if (l == 0) {
                for (int i = 0; i < width.length; i++) {
                    if (i > 0) sb.append("  ");
                    sb.append("-".repeat(width[i]));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    private static String text(Object v) {
        if (v == null) return "";
        if (v instanceof Double d) {
            if (d == 0) return "0";
            if (!Double.isFinite(d)) return d.toString();
            double a = Math.abs(d);
            if (a >= 1e-4 && a < 1e9) {
                return new BigDecimal(d).round(new MathContext(6)).stripTrailingZeros().toPlainString();
            }
            return String.format(Locale.ROOT, "%.5e", d);
        }
        return String.valueOf(v);
    }

    private static String csv(String s) {
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }

    @Override
    public String toString() {
        return size() + " rows over " + dates.size() + " dates in " + elapsed.toMillis() + " ms, columns " + index.keySet();
    }
}
