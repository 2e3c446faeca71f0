package io.vizflow.ui;

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
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small consolidated dataset, written as {@code vizflow consolidate} writes one (Parquet files per
 * date under {@code data/} and {@code manifest.json}), and a config whose {@code consolidated_dir}
 * is it: the alpha-evaluation pipeline binned by alpha1 (width 1e-4), time of day (30 minutes) and
 * side, on the CN market.
 *
 * <pre>
 * a = alpha1_bin -2..2, e = elapsed_seconds_bin 0..8 (09:30 .. 15:00), side B/S, date index k = 0, 1, ...
 * count        = 1 + (a + 3) * (e + 1) + (S ? 2 : 0) + k
 * n_return_60  = count - e % 2
 * sum_return_60 = n_return_60 * (a * 0.0008 + (e - 4) * 0.0003 + (B ? 0.0002 : -0.0003)) * (1 + 0.1 k)
 * no group (a = 2, e = 8)
 * </pre>
 */
public final class TestDataset {
    public static final LocalDate D1 = LocalDate.of(2024, 1, 2);
    public static final LocalDate D2 = LocalDate.of(2024, 1, 3);
    public static final LocalDate D3 = LocalDate.of(2024, 1, 4);
    public static final LocalDate D4 = LocalDate.of(2024, 1, 5);

    private TestDataset() {}

    /** Writes the config into {@code root} and returns it (the dataset goes to {@code root/consolidated}). */
    public static Path writeConfig(Path root) {
        try {
            Files.createDirectories(root);
            Path config = root.resolve("alpha.yaml");
            Files.writeString(config, String.join("\n",
                    "input_dir: " + root.resolve("raw"),
                    "output_dir: " + root.resolve("partials"),
                    "input_pattern: \"fills_{date}.feather\"",
                    "market: CN",
                    "columns: {timestamp: ticktime, symbol: ukey, price: mid, quantity: qty, side: side}",
                    "horizons: [60]",
                    "binwidths: {alpha1: 1.0e-4, elapsed_seconds: 1800}",
                    "group_by: [alpha1_bin, elapsed_seconds_bin, side]",
                    "metrics:",
                    "  count: \"COUNT(*)\"",
                    "  sum_return_60: \"SUM(return_60)\"",
                    "  n_return_60: \"COUNT(return_60)\"",
                    "derived:",
                    "  mean_return_60: \"sum_return_60 / n_return_60\"",
                    "consolidated_dir: " + root.resolve("consolidated"),
                    ""));
            return config;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes (or replaces) the consolidated dataset with these dates. */
    public static void writeDataset(Path dir, LocalDate... dates) {
        try {
            Files.createDirectories(dir.resolve(ConsolidatedManifest.DATA));
            TreeMap<String, ConsolidatedManifest.DateEntry> entries = new TreeMap<>();
            for (int k = 0; k < dates.length; k++) {
                String ymd = dates[k].format(DateTimeFormatter.BASIC_ISO_DATE);
                String file = ConsolidatedManifest.DATA + "/" + ymd + "-t" + System.nanoTime() + ".parquet";
                List<Object[]> rows = rows(k);
                writeParquet(dir.resolve(file), dates[k], rows);
                entries.put(ymd, new ConsolidatedManifest.DateEntry("fp-" + ymd + "-" + k, List.of(file), rows.size()));
            }
            Map<String, String> derived = new LinkedHashMap<>();
            derived.put("mean_return_60", "sum_return_60 / n_return_60");
            new ConsolidatedManifest(ConsolidatedManifest.FORMAT, dir.resolveSibling("partials").toString(),
                    List.of(new ConsolidatedManifest.Dimension("alpha1_bin", "BIGINT", "alpha1", 1.0e-4),
                            new ConsolidatedManifest.Dimension("elapsed_seconds_bin", "BIGINT", "elapsed_seconds", 1800.0),
                            new ConsolidatedManifest.Dimension("side", "VARCHAR", null, null)),
                    List.of(new ConsolidatedManifest.Metric("count", "COUNT(*)", MergeRule.SUM, "BIGINT"),
                            new ConsolidatedManifest.Metric("sum_return_60", "SUM(return_60)", MergeRule.SUM, "DOUBLE"),
                            new ConsolidatedManifest.Metric("n_return_60", "COUNT(return_60)", MergeRule.SUM, "BIGINT")),
                    derived, entries, java.time.Instant.now().toString()).write(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The rows of the k-th date: alpha1_bin, elapsed_seconds_bin, side, count, sum_return_60, n_return_60. */
    static List<Object[]> rows(int k) {
        List<Object[]> rows = new ArrayList<>();
        for (long a = -2; a <= 2; a++) {
            for (long e = 0; e <= 8; e++) {
                if (a == 2 && e == 8) continue;
                for (String side : List.of("B", "S")) {
                    long count = 1 + (a + 3) * (e + 1) + (side.equals("S") ? 2 : 0) + k;
                    long n = count - e % 2;
                    double sum = n * (a * 0.0008 + (e - 4) * 0.0003 + (side.equals("B") ? 0.0002 : -0.0003)) * (1 + 0.1 * k);
                    rows.add(new Object[] {a, e, side, count, sum, n});
                }
            }
        }
        return rows;
    }

    private static void writeParquet(Path file, LocalDate date, List<Object[]> rows) {
        try (Connection c = DriverManager.getConnection("jdbc:duckdb:"); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (\"date\" DATE, alpha1_bin BIGINT, elapsed_seconds_bin BIGINT, side VARCHAR, "
                    + "\"count\" BIGINT, sum_return_60 DOUBLE, n_return_60 BIGINT)");
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO t VALUES (" + String.join(", ", Collections.nCopies(7, "?")) + ")")) {
                for (Object[] r : rows) {
                    ps.setObject(1, date);
                    for (int i = 0; i < r.length; i++) ps.setObject(i + 2, r[i]);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            st.execute("COPY t TO '" + file.toString().replace("'", "''") + "' (FORMAT parquet)");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes a config and a dataset of three dates into the folder given (for a look by hand). */
    public static void main(String[] args) {
        Path root = Path.of(args[0]).toAbsolutePath();
        Path config = writeConfig(root);
        writeDataset(root.resolve("consolidated"), D1, D2, D3);
        System.out.println(config);
    }
}
