package io.vizflow.query;

import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.consolidate.MergeRule;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Writes a small consolidated dataset (Parquet files + manifest) for the tests, as the consolidation job would. */
final class Fixture {
    private final Path dir;
    private final List<ConsolidatedManifest.Dimension> dimensions = new ArrayList<>();
    private final List<ConsolidatedManifest.Metric> metrics = new ArrayList<>();
    private final Map<String, String> derived = new LinkedHashMap<>();
    private final Map<LocalDate, List<Object[]>> rows = new TreeMap<>();

    private Fixture(Path dir) {
        this.dir = dir;
    }

    static Fixture in(Path dir) {
        return new Fixture(dir);
    }

    Fixture dimension(String name, String type) {
        dimensions.add(new ConsolidatedManifest.Dimension(name, type, null, null));
        return this;
    }

    Fixture bin(String name, String of, double width) {
        dimensions.add(new ConsolidatedManifest.Dimension(name, "BIGINT", of, width));
        return this;
    }

    Fixture metric(String name, String expression, MergeRule rule, String type) {
        metrics.add(new ConsolidatedManifest.Metric(name, expression, rule, type));
        return this;
    }

    Fixture derived(String name, String expression) {
        derived.put(name, expression);
        return this;
    }

    /** One date's rows: dimension values, then metric values, in declaration order. */
    Fixture date(LocalDate date, Object[]... values) {
        rows.computeIfAbsent(date, d -> new ArrayList<>()).addAll(List.of(values));
        return this;
    }

    ConsolidatedManifest write() {
        try {
            Files.createDirectories(dir.resolve("data"));
            TreeMap<String, ConsolidatedManifest.DateEntry> dates = new TreeMap<>();
            for (Map.Entry<LocalDate, List<Object[]>> e : rows.entrySet()) {
                String ymd = e.getKey().format(DateTimeFormatter.BASIC_ISO_DATE);
                String file = "data/" + ymd + "-t" + System.nanoTime() + ".parquet";
                writeParquet(dir.resolve(file), e.getKey(), e.getValue());
                dates.put(ymd, new ConsolidatedManifest.DateEntry("fp-" + ymd, List.of(file), e.getValue().size()));
            }
            ConsolidatedManifest m = new ConsolidatedManifest(ConsolidatedManifest.FORMAT, "/nowhere", dimensions, metrics,
                    derived, dates, java.time.Instant.now().toString());
            m.write(dir);
            return m;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void writeParquet(Path file, LocalDate date, List<Object[]> values) {
        List<String> cols = new ArrayList<>(List.of("\"date\" DATE"));
        for (ConsolidatedManifest.Dimension d : dimensions) cols.add('"' + d.name() + "\" " + d.type());
        for (ConsolidatedManifest.Metric m : metrics) cols.add('"' + m.name() + "\" " + m.type());
        writeParquet(file, cols, date, values);
    }

    /** Writes rows (after the date) with the given column definitions: also for files of a wrong schema. */
    static void writeParquet(Path file, List<String> columnDefs, LocalDate date, List<Object[]> values) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (" + String.join(", ", columnDefs) + ")");
            String marks = String.join(", ", java.util.Collections.nCopies(columnDefs.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (" + marks + ")")) {
                for (Object[] r : values) {
                    ps.setObject(1, date);
                    for (int i = 0; i < r.length; i++) ps.setObject(i + 2, r[i]);
                    ps.execute();
                }
            }
            st.execute("COPY t TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static Object[] row(Object... values) {
        return values;
    }
}
