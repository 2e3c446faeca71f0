package io.vizflow.query;

import org.duckdb.DuckDBConnection;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Answers {@link Query queries} over a consolidated dataset with DuckDB (JDBC), in process.
 * Thread-safe: the UI's sessions share one service.
 *
 * <p>Storage: a dataset of up to {@link #MEMORY_ROW_LIMIT} rows (hundreds of dates of binned
 * partials) is loaded from its Parquet files into DuckDB's memory once per version of the
 * dataset, and answers in milliseconds; a larger one is read from its Parquet files at every
 * query ({@link Storage}). Each query first looks whether the manifest changed (a new
 * consolidation) and then moves to the new version, so answers always come from one version.
 *
 * <pre>{@code
 * try (QueryService service = QueryService.open(Path.of("data/consolidated"))) {
 *     QueryResult heatmap = service.run(Query.builder()
 *             .groupBy("alpha1_bin", "elapsed_seconds_bin").metrics("mean_return_60").build());
 * }
 * }</pre>
 */
public final class QueryService implements AutoCloseable {
    /** Datasets up to this many rows are held in memory by {@link Storage#AUTO}. */
    public static final long MEMORY_ROW_LIMIT = 5_000_000;

    /** Where queries read the data from. */
    public enum Storage {
        /** Memory up to {@link #MEMORY_ROW_LIMIT} rows, Parquet above. */
        AUTO,
        /** The dataset's rows, loaded into DuckDB's memory once per version. */
        MEMORY,
        /** The dataset's Parquet files, read at every query (only the chosen dates' files). */
        PARQUET
    }

    private static final AtomicInteger TABLES = new AtomicInteger();

    private final Path directory;
    private final Storage storage;
    private final DuckDBConnection db;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private volatile Snapshot current;
    private boolean closed;

    /** One version of the dataset, as DuckDB sees it. */
    private record Snapshot(Dataset dataset, String table, String empty) {}

    private QueryService(Path directory, Storage storage) {
        this.directory = directory.toAbsolutePath().normalize();
        this.storage = storage;
        try {
            Class.forName("org.duckdb.DuckDBDriver");
        } catch (ClassNotFoundException e) {
            throw new QueryException("DuckDB (org.duckdb:duckdb_jdbc) is not on the class path: queries need it "
                    + "(bin/vizflow puts flink-jobs/target/lib on the class path; `flink run` does not)", e);
        }
        try {
            this.db = (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot start DuckDB: " + e.getMessage(), e);
        }
    }

    /** A service over the consolidated dataset in {@code directory}, held in memory when small enough. */
    public static QueryService open(Path directory) {
        return open(directory, Storage.AUTO);
    }

    /** A service over the consolidated dataset in {@code directory}. */
    public static QueryService open(Path directory, Storage storage) {
        QueryService s = new QueryService(directory, storage);
        try {
            s.refresh();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** The dataset's current version (moving to a new one first if the manifest changed). */
    public Dataset dataset() {
        return snapshot().dataset();
    }

    /** How the current version is read: MEMORY or PARQUET. */
    public Storage storage() {
        return snapshot().table() != null ? Storage.MEMORY : Storage.PARQUET;
    }

    /**
     * Answers a query.
     *
     * @throws QueryException when the query does not fit the dataset (unknown names, bad values,
     *                        dates not held), or the dataset cannot be read
     */
    public QueryResult run(Query query) {
        long start = System.nanoTime();
        for (int attempt = 0; ; attempt++) {
            refreshIfChanged();
            lock.readLock().lock();
            try {
                checkOpen();
                Snapshot s = current;
                QueryPlan plan = QueryPlan.of(s.dataset(), query);
                List<List<Object>> rows = execute(s, plan);
                return new QueryResult(plan.columns, rows, plan.dates, Duration.ofNanos(System.nanoTime() - start));
            } catch (QueryException e) {
                // a consolidation replaced files under a query reading Parquet: once more, on the new version
                if (attempt > 0 || !changed()) throw e;
            } finally {
                lock.readLock().unlock();
            }
        }
    }

    /** Moves to the manifest's current version if it changed. */
    public void refresh() {
        Object version = Dataset.version(directory);
        Snapshot s = current;
        if (s != null && version != null && version.equals(s.dataset().version())) return;
        lock.writeLock().lock();
        try {
            checkOpen();
            version = Dataset.version(directory);
            s = current;
            if (s != null && version != null && version.equals(s.dataset().version())) return;
            Dataset ds = Dataset.open(directory);
            Snapshot next = load(ds);
            current = next;
            if (s != null) drop(s);
        } finally {
            lock.writeLock().unlock();
        }
    }

    private Snapshot snapshot() {
        refreshIfChanged();
        checkOpen();
        return current;
    }

    private boolean changed() {
        Snapshot s = current;
        return s == null || !s.dataset().version().equals(Dataset.version(directory));
    }

    private void refreshIfChanged() {
        if (changed()) refresh();
    }

    private Snapshot load(Dataset ds) {
        List<Path> files = ds.files(ds.dates());
        String empty = "vizflow_empty_" + TABLES.incrementAndGet();
        try (Connection c = db.duplicate(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE " + QueryPlan.quote(empty) + " (" + columnsDdl(ds) + ")");
            if (!files.isEmpty()) ParquetSchema.check(c, ds, files);
            boolean memory = storage == Storage.MEMORY || (storage == Storage.AUTO && ds.rows() <= MEMORY_ROW_LIMIT);
            if (!memory || files.isEmpty()) return new Snapshot(ds, null, empty);
            String table = "vizflow_dataset_" + TABLES.incrementAndGet();
            try (PreparedStatement ps = c.prepareStatement("CREATE TABLE " + QueryPlan.quote(table) + " AS SELECT "
                    + selectList(ds) + " FROM read_parquet(?)")) {
                ps.setArray(1, paths(c, files));
                ps.execute();
            }
            return new Snapshot(ds, table, empty);
        } catch (SQLException e) {
            throw new QueryException(ds.directory() + ": cannot read the consolidated Parquet files: " + e.getMessage(), e);
        }
    }

    private void drop(Snapshot s) {
        try (Connection c = db.duplicate(); Statement st = c.createStatement()) {
            if (s.table() != null) st.execute("DROP TABLE IF EXISTS " + QueryPlan.quote(s.table()));
            st.execute("DROP TABLE IF EXISTS " + QueryPlan.quote(s.empty()));
        } catch (SQLException e) {
            // the old version stays in memory until the service closes
        }
    }

    private List<List<Object>> execute(Snapshot s, QueryPlan plan) {
        String source;
        boolean parquet = false;
        if (plan.dates.isEmpty()) {
            source = QueryPlan.quote(s.empty());
        } else if (s.table() != null) {
            source = QueryPlan.quote(s.table());
        } else {
            source = "read_parquet(?)";
            parquet = true;
        }
        String sql = plan.sql.replace(QueryPlan.SOURCE, source);
        List<List<Object>> rows = new ArrayList<>();
        try (Connection c = db.duplicate(); PreparedStatement ps = c.prepareStatement(sql)) {
            int p = 1;
            if (parquet) ps.setArray(p++, paths(c, s.dataset().files(plan.dates)));
            for (Object v : plan.parameters) bind(ps, p++, v);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) rows.add(row(rs, plan, s.dataset()));
            }
        } catch (SQLException e) {
            throw new QueryException(s.dataset().directory() + ": the query failed: " + e.getMessage(), e);
        }
        return rows;
    }

    private static List<Object> row(ResultSet rs, QueryPlan plan, Dataset ds) throws SQLException {
        List<Object> out = new ArrayList<>(plan.columns.size());
        int col = 1;
        for (Dimension d : plan.groupBy) {
            Object v = value(rs, col++, d.type());
            out.add(v);
            if (d.isBin()) out.add(d.realValue((Long) v));
        }
        Map<String, Object> fetched = new HashMap<>();
        Map<String, Double> numbers = new LinkedHashMap<>();
        for (Metric m : plan.fetched) {
            Object v = value(rs, col++, m.type());
            fetched.put(m.name(), v);
            numbers.put(m.name(), v == null ? null : ((Number) v).doubleValue());
        }
        Map<String, Double> derived = null;
        for (String name : plan.asked) {
            if (fetched.containsKey(name)) {
                out.add(fetched.get(name));
            } else {
                if (derived == null) derived = ds.derivedMetrics().evaluate(numbers);
                out.add(derived.get(name));
            }
        }
        return out;
    }

    private static Object value(ResultSet rs, int i, ValueType type) throws SQLException {
        Object v;
        switch (type) {
            case INTEGER: v = rs.getLong(i); break;
            case REAL: v = rs.getDouble(i); break;
            case BOOLEAN: v = rs.getBoolean(i); break;
            case TEXT: v = rs.getString(i); break;
            default: v = rs.getObject(i, LocalDate.class); break;
        }
        return rs.wasNull() ? null : v;
    }

    private static void bind(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v instanceof Long l) {
            ps.setLong(i, l);
        } else if (v instanceof Double d) {
            ps.setDouble(i, d);
        } else if (v instanceof Boolean b) {
            ps.setBoolean(i, b);
        } else if (v instanceof String s) {
            ps.setString(i, s);
        } else if (v instanceof LocalDate d) {
            ps.setObject(i, d);
        } else {
            throw new IllegalStateException("unexpected parameter " + v);
        }
    }

    private static Array paths(Connection c, List<Path> files) throws SQLException {
        Object[] p = new Object[files.size()];
        for (int i = 0; i < p.length; i++) p[i] = files.get(i).toString();
        return c.createArrayOf("VARCHAR", p);
    }

    /** The dataset's columns in a fixed order, cast to the manifest's types. */
    private static String selectList(Dataset ds) {
        List<String> cols = new ArrayList<>();
        for (Dimension d : ds.dimensions()) cols.add("CAST(" + QueryPlan.quote(d.name()) + " AS " + d.type().duckdb() + ") AS " + QueryPlan.quote(d.name()));
        for (Metric m : ds.metrics()) cols.add("CAST(" + QueryPlan.quote(m.name()) + " AS " + m.type().duckdb() + ") AS " + QueryPlan.quote(m.name()));
        return String.join(", ", cols);
    }

    private static String columnsDdl(Dataset ds) {
        List<String> cols = new ArrayList<>();
        for (Dimension d : ds.dimensions()) cols.add(QueryPlan.quote(d.name()) + " " + d.type().duckdb());
        for (Metric m : ds.metrics()) cols.add(QueryPlan.quote(m.name()) + " " + m.type().duckdb());
        return String.join(", ", cols);
    }

    private void checkOpen() {
        if (closed) throw new IllegalStateException("the query service is closed");
    }

    @Override
    public void close() {
        lock.writeLock().lock();
        try {
            if (closed) return;
            closed = true;
            db.close();
        } catch (SQLException e) {
            // closing
        } finally {
            lock.writeLock().unlock();
        }
    }

    @Override
    public String toString() {
        Snapshot s = current;
        return "QueryService{" + (s == null ? directory : s.dataset()) + ", " + storage.name().toLowerCase(Locale.ROOT) + "}";
    }
}
