package io.vizflow.jobs;

import io.vizflow.config.VizFlowConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
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
import static org.junit.jupiter.api.Assertions.fail;

/** The golden fixtures (tools/make_golden.py) and how to compare a partial with them. */
public final class Golden {
    static final double RELATIVE = 1e-9;

    private Golden() {}

    public static Path resource(String path) {
        try {
            return Path.of(Golden.class.getResource("/" + path).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A fixture config with its input and output folders pointed at the given places. */
    static VizFlowConfig config(String name, Path inputDir, Path outputDir) {
        return VizFlowConfig.parse(yaml(name, inputDir, outputDir), name + ".yaml");
    }

    /** As {@link #config}, written to {@code folder} as {@code name.yaml}, for the command line. */
    public static Path configFile(Path folder, String name, Path inputDir, Path outputDir) throws IOException {
        return Files.writeString(folder.resolve(name + ".yaml"), yaml(name, inputDir, outputDir));
    }

    /** The text of a fixture config with its input and output folders pointed at the given places. */
    static String yaml(String name, Path inputDir, Path outputDir) {
        try {
            return Files.readString(resource("golden/" + name + ".yaml"))
                    .replace("input_dir: data/raw", "input_dir: " + inputDir)
                    .replace("output_dir: data/partials", "output_dir: " + outputDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Rows of a partial folder, keyed by their group-by values. */
    static Map<String, Map<String, Object>> readPartial(Path dateDir, List<String> keys) {
        String sql = "SELECT * FROM read_parquet('" + dateDir.resolve("*.parquet") + "', hive_partitioning = false)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            ResultSetMetaData md = rs.getMetaData();
            Map<String, Map<String, Object>> rows = new TreeMap<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= md.getColumnCount(); i++) {
                    row.put(md.getColumnName(i), rs.getObject(i));
                }
                rows.put(key(row, keys), row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The column names and types (DuckDB's names) of a partial. */
    static Map<String, String> partialTypes(Path dateDir) {
        String sql = "DESCRIBE SELECT * FROM read_parquet('" + dateDir.resolve("*.parquet") + "', hive_partitioning = false)";
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery(sql)) {
            Map<String, String> types = new LinkedHashMap<>();
            while (rs.next()) types.put(rs.getString(1), rs.getString(2));
            return types;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Rows of an expected CSV of the golden fixtures, keyed by their group-by values. */
    static Map<String, Map<String, String>> readExpected(String file, List<String> keys) {
        return readCsv("golden/expected/" + file, keys);
    }

    /** Rows of a CSV test resource (no quoting; empty = null), keyed by their group-by values. */
    public static Map<String, Map<String, String>> readCsv(String resourcePath, List<String> keys) {
        try {
            List<String> lines = Files.readAllLines(resource(resourcePath));
            String[] header = lines.get(0).split(",", -1);
            Map<String, Map<String, String>> rows = new TreeMap<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] v = line.split(",", -1);
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.length; i++) row.put(header[i], v[i].isEmpty() ? null : v[i]);
                rows.put(key(row, keys), row);
            }
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String key(Map<String, ?> row, List<String> keys) {
        List<String> parts = new ArrayList<>();
        for (String k : keys) parts.add(String.valueOf(row.get(k)));
        return String.join("|", parts);
    }

    /** Every group and every metric equal to the reference (relative 1e-9). */
    static void assertPartialEquals(Map<String, Map<String, String>> expected,
                                    Map<String, Map<String, Object>> actual, List<String> keys) {
        assertEquals(expected.keySet(), actual.keySet(), "the groups");
        int compared = 0;
        for (Map.Entry<String, Map<String, String>> e : expected.entrySet()) {
            Map<String, Object> ours = actual.get(e.getKey());
            for (Map.Entry<String, String> m : e.getValue().entrySet()) {
                if (keys.contains(m.getKey())) continue;
                String want = m.getValue();
                Object got = ours.get(m.getKey());
                String where = "group " + e.getKey() + ", metric " + m.getKey();
                if (want == null) {
                    assertEquals(null, got, where);
                } else if (got instanceof Long || got instanceof Integer) {
                    assertEquals(Long.parseLong(want), ((Number) got).longValue(), where);
                } else if (got instanceof Double) {
                    double w = Double.parseDouble(want);
                    double g = (Double) got;
                    assertTrue(Math.abs(g - w) <= RELATIVE * Math.max(Math.abs(w), 1e-300) || g == w,
                            where + ": expected " + w + " but was " + g);
                } else {
                    fail(where + ": unexpected value " + got);
                }
                compared++;
            }
        }
        assertTrue(compared > 0);
    }
}
