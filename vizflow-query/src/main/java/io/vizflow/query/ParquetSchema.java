package io.vizflow.query;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks that every Parquet file of a dataset holds exactly the manifest's columns with its types
 * (read from the files' footers), so a damaged or foreign file is an error naming the file and the
 * column, never a wrong answer.
 */
final class ParquetSchema {
    private ParquetSchema() {}

    static void check(Connection c, Dataset ds, List<Path> files) throws SQLException {
        Map<String, ValueType> expected = new LinkedHashMap<>();
        for (Dimension d : ds.dimensions()) expected.put(d.name(), d.type());
        for (Metric m : ds.metrics()) expected.put(m.name(), m.type());

        Map<String, Map<String, String>> found = new TreeMap<>();
        Object[] paths = files.stream().map(Path::toString).toArray();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT file_name, name, type, converted_type FROM parquet_schema(?) WHERE type IS NOT NULL")) {
            ps.setArray(1, c.createArrayOf("VARCHAR", paths));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    String converted = rs.getString(4);
                    found.computeIfAbsent(rs.getString(1), k -> new LinkedHashMap<>())
                            .put(rs.getString(2), rs.getString(3) + (converted == null ? "" : "/" + converted));
                }
            }
        }
        for (Object p : paths) {
            String file = (String) p;
            Map<String, String> cols = found.getOrDefault(file, Map.of());
            String name = ds.directory().relativize(Path.of(file)).toString();
            for (Map.Entry<String, ValueType> e : expected.entrySet()) {
                String physical = cols.get(e.getKey());
                if (physical == null) {
                    throw new QueryException(name + ": has no column '" + e.getKey() + "' (the manifest's columns are "
                            + expected.keySet() + "); run `vizflow consolidate` again");
                }
                if (!fits(e.getValue(), physical)) {
                    throw new QueryException(name + ": column '" + e.getKey() + "' is " + physical + " in the file, "
                            + "the manifest says " + e.getValue().duckdb() + "; run `vizflow consolidate` again");
                }
            }
            for (String col : cols.keySet()) {
                if (!expected.containsKey(col)) {
                    throw new QueryException(name + ": column '" + Dataset.shorten(col) + "' is not in the manifest "
                            + "(its columns are " + expected.keySet() + "); run `vizflow consolidate` again");
                }
            }
        }
    }

    private static boolean fits(ValueType t, String physical) {
        String p = physical.toUpperCase(java.util.Locale.ROOT);
        switch (t) {
            case INTEGER: return p.startsWith("INT64") || (p.startsWith("INT32") && !p.contains("DATE"));
            case REAL: return p.startsWith("DOUBLE") || p.startsWith("FLOAT");
            case TEXT: return p.startsWith("BYTE_ARRAY");
            case BOOLEAN: return p.startsWith("BOOLEAN");
            default: return p.equals("INT32/DATE");
        }
    }
}
