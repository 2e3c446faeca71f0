package io.vizflow.jobs.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads published partials (DuckDB) and compares two of them group by group. */
final class Partials {
    /** Sums may be added in another order on another cluster: relative 1e-9, as the golden tests. */
    static final double RELATIVE = 1e-9;

    private Partials() {}

    /** The rows of a partial folder ({@code date=YYYYMMDD}), keyed by their group-by values. */
    static Map<String, Map<String, Object>> read(Path dateDir, List<String> keys) {
        String sql = "SELECT * FROM read_parquet('" + dateDir.resolve("*.parquet") + "', hive_partitioning = false)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Map<String, Object>> rows = new TreeMap<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) row.put(md.getColumnName(i), rs.getObject(i));
                List<String> key = new ArrayList<>();
                for (String k : keys) key.add(String.valueOf(row.get(k)));
                rows.put(String.join("|", key), row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(dateDir + ": " + e.getMessage(), e);
        }
    }

    /** The same groups, columns and values; doubles equal within {@link #RELATIVE}. */
    static void assertSame(Map<String, Map<String, Object>> expected, Map<String, Map<String, Object>> actual, String what) {
        assertEquals(expected.keySet(), actual.keySet(), what + ": the groups");
        assertTrue(!expected.isEmpty(), what + ": no groups at all");
        for (Map.Entry<String, Map<String, Object>> e : expected.entrySet()) {
            Map<String, Object> got = actual.get(e.getKey());
            assertEquals(List.copyOf(e.getValue().keySet()), List.copyOf(got.keySet()), what + ": the columns");
            for (Map.Entry<String, Object> m : e.getValue().entrySet()) {
                Object want = m.getValue();
                Object have = got.get(m.getKey());
                String where = what + ", group " + e.getKey() + ", column " + m.getKey();
                if (want instanceof Double w && have instanceof Double h) {
                    assertTrue(w.equals(h) || Math.abs(h - w) <= RELATIVE * Math.max(Math.abs(w), 1e-300),
                            where + ": expected " + w + " but was " + h);
                } else {
                    assertEquals(want, have, where);
                }
            }
        }
    }
}
