package io.vizflow.query;

import io.vizflow.BadInputException;
import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.consolidate.DerivedMetrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * A consolidated dataset as its manifest describes it (one version of it): the dimensions (with
 * bin widths), the metrics and their merge rules, the derived metrics and the dates held. Needs no
 * config: {@code Dataset.open(Path.of("data/consolidated"))}.
 *
 * <p>Every name is checked when the dataset is opened (a plain column name; no name twice), and
 * every file it names must be a Parquet file inside its {@code data/} folder: the names that reach
 * SQL come from here, never from a user.
 */
public final class Dataset {
    static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final Pattern FILE = Pattern.compile("[0-9]{8}-[A-Za-z0-9_-]{1,64}\\.parquet");
    private static final DateTimeFormatter YYYYMMDD = DateTimeFormatter.BASIC_ISO_DATE;

    private final Path directory;
    private final ConsolidatedManifest manifest;
    private final Object version;
    private final List<Dimension> dimensions;
    private final Map<String, Dimension> dimensionsByName;
    private final Map<String, Metric> metrics;
    private final Map<String, DerivedMetric> derived;
    private final DerivedMetrics derivedMetrics;
    private final NavigableMap<LocalDate, List<Path>> files;
    private final long rows;

    private Dataset(Path directory, ConsolidatedManifest manifest, Object version) {
        this.directory = directory;
        this.manifest = manifest;
        this.version = version;
        String where = directory.resolve(ConsolidatedManifest.FILE) + ": ";
        Set<String> names = new HashSet<>();
        List<Dimension> dims = new ArrayList<>();
        dims.add(new Dimension(Dimension.DATE, ValueType.DATE, null, null));
        names.add(Dimension.DATE);
        for (ConsolidatedManifest.Dimension d : manifest.dimensions()) {
            checkName(where, "dimension", d.name(), names);
            if (d.binWidth() != null && !(d.binWidth() > 0 && Double.isFinite(d.binWidth()))) {
                throw new QueryException(where + "dimension " + d.name() + ": bin width " + d.binWidth() + " is not a positive number");
            }
            dims.add(new Dimension(d.name(), type(where, d.name(), d.type()), d.binOf(), d.binWidth()));
        }
        this.dimensions = List.copyOf(dims);
        Map<String, Dimension> byName = new LinkedHashMap<>();
        for (Dimension d : dims) byName.put(d.name(), d);
        this.dimensionsByName = Collections.unmodifiableMap(byName);

        Map<String, Metric> ms = new LinkedHashMap<>();
        for (ConsolidatedManifest.Metric m : manifest.metrics()) {
            checkName(where, "metric", m.name(), names);
            if (m.merge() == null) throw new QueryException(where + "metric " + m.name() + " has no merge rule");
            ValueType t = type(where, m.name(), m.type());
            if (t != ValueType.INTEGER && t != ValueType.REAL) {
                throw new QueryException(where + "metric " + m.name() + " is " + m.type() + ", not a number");
            }
            ms.put(m.name(), new Metric(m.name(), m.expression(), m.merge(), t));
        }
        if (ms.isEmpty()) throw new QueryException(where + "the dataset has no metric");
        this.metrics = Collections.unmodifiableMap(ms);

        try {
            this.derivedMetrics = DerivedMetrics.compile(manifest.derived(), ms.keySet(), byName.keySet());
        } catch (IllegalArgumentException e) {
            throw new QueryException(where + e.getMessage(), e);
        }
        Map<String, DerivedMetric> ds = new LinkedHashMap<>();
        manifest.derived().forEach((n, e) -> ds.put(n, new DerivedMetric(n, e)));
        this.derived = Collections.unmodifiableMap(ds);

        NavigableMap<LocalDate, List<Path>> fs = new TreeMap<>();
        long total = 0;
        Path data = directory.resolve(ConsolidatedManifest.DATA).normalize();
        for (Map.Entry<String, ConsolidatedManifest.DateEntry> e : manifest.dates().entrySet()) {
            LocalDate date;
            try {
                date = LocalDate.parse(e.getKey(), YYYYMMDD);
            } catch (DateTimeParseException x) {
                throw new QueryException(where + "'" + e.getKey() + "' is not a YYYYMMDD date");
            }
            List<Path> paths = new ArrayList<>();
            for (String f : e.getValue().files()) {
                Path p = directory.resolve(f).normalize();
                if (!p.getParent().equals(data) || !FILE.matcher(p.getFileName().toString()).matches()) {
                    throw new QueryException(where + "date " + e.getKey() + ": '" + f + "' is not a file of the dataset's "
                            + ConsolidatedManifest.DATA + "/ folder");
                }
                paths.add(p);
            }
            if (paths.isEmpty()) throw new QueryException(where + "date " + e.getKey() + " has no file");
            fs.put(date, List.copyOf(paths));
            total += e.getValue().rows();
        }
        this.files = Collections.unmodifiableNavigableMap(fs);
        this.rows = total;
    }

    /**
     * Opens the consolidated dataset in {@code directory} (the config's {@code consolidated_dir}).
     *
     * @throws QueryException when there is no dataset there, or its manifest is damaged
     */
    public static Dataset open(Path directory) {
        Path dir = directory.toAbsolutePath().normalize();
        Object version = version(dir);
        ConsolidatedManifest m;
        try {
            m = ConsolidatedManifest.read(dir);
        } catch (BadInputException e) {
            throw new QueryException(e.getMessage(), e);
        }
        return new Dataset(dir, m, version);
    }

    /** What identifies the manifest's current version (its modification time, size and file key). */
    static Object version(Path dir) {
        try {
            BasicFileAttributes a = Files.readAttributes(dir.resolve(ConsolidatedManifest.FILE), BasicFileAttributes.class);
            return List.of(a.lastModifiedTime(), a.size(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return null;
        }
    }

    private static void checkName(String where, String what, String name, Set<String> names) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new QueryException(where + what + " '" + name + "' is not a column name (letters, digits, _)");
        }
        if (!names.add(name)) throw new QueryException(where + "'" + name + "' is named twice");
    }

    private static ValueType type(String where, String name, String type) {
        try {
            return ValueType.of(String.valueOf(type));
        } catch (IllegalArgumentException e) {
            throw new QueryException(where + name + ": " + e.getMessage());
        }
    }

    /** The dataset's folder (absolute). */
    public Path directory() {
        return directory;
    }

    /** {@code date}, then the group-by columns of the partials, in order. */
    public List<Dimension> dimensions() {
        return dimensions;
    }

    /** The metrics, in the config's order. */
    public List<Metric> metrics() {
        return List.copyOf(metrics.values());
    }

    /** The derived metrics, in the config's order. */
    public List<DerivedMetric> derived() {
        return List.copyOf(derived.values());
    }

    /** The dates held, in order. */
    public NavigableSet<LocalDate> dates() {
        return files.navigableKeySet();
    }

    /** The rows (groups of all dates) the dataset holds. */
    public long rows() {
        return rows;
    }

    /** The manifest this view was read from. */
    public ConsolidatedManifest manifest() {
        return manifest;
    }

    /**
     * The dimension of that name.
     *
     * @throws QueryException naming the dimensions there are
     */
    public Dimension dimension(String name) {
        Dimension d = dimensionsByName.get(name);
        if (d == null) {
            String hint = metrics.containsKey(name) || derived.containsKey(name) ? " ('" + name + "' is a metric)" : "";
            throw new QueryException("unknown dimension '" + shorten(name) + "'" + hint + "; dimensions are "
                    + dimensionsByName.keySet());
        }
        return d;
    }

    /** The metric of that name, or null. */
    Metric metric(String name) {
        return metrics.get(name);
    }

    boolean isDerived(String name) {
        return derived.containsKey(name);
    }

    /** Refuses a name that is neither a metric nor a derived metric. */
    void checkMetricOrDerived(String name) {
        if (metrics.containsKey(name) || derived.containsKey(name)) return;
        String hint = dimensionsByName.containsKey(name) ? " ('" + name + "' is a dimension: group by it)" : "";
        throw new QueryException("unknown metric '" + shorten(name) + "'" + hint + "; metrics are " + metrics.keySet()
                + (derived.isEmpty() ? "" : ", derived metrics are " + derived.keySet()));
    }

    DerivedMetrics derivedMetrics() {
        return derivedMetrics;
    }

    Object version() {
        return version;
    }

    /** The Parquet files of the given dates (each a date held). */
    List<Path> files(Collection<LocalDate> dates) {
        List<Path> out = new ArrayList<>();
        for (LocalDate d : dates) out.addAll(files.get(d));
        return out;
    }

    /** A user's text, cut to a readable length for a message. */
    static String shorten(String s) {
        if (s == null) return "null";
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }

    @Override
    public String toString() {
        NavigableSet<LocalDate> d = dates();
        return directory + ": " + d.size() + " dates" + (d.isEmpty() ? "" : " " + d.first() + ".." + d.last())
                + ", " + rows + " rows, dimensions " + dimensionsByName.keySet() + ", metrics " + metrics.keySet()
                + (derived.isEmpty() ? "" : ", derived " + derived.keySet());
    }
}
