package io.vizflow.ui.services;

import io.vizflow.consolidate.ConsolidatedManifest;
import io.vizflow.query.Dataset;
import io.vizflow.query.DerivedMetric;
import io.vizflow.query.Dimension;
import io.vizflow.query.Metric;
import io.vizflow.query.Query;
import io.vizflow.query.QueryException;
import io.vizflow.query.QueryResult;
import io.vizflow.query.ValueType;
import io.vizflow.ui.data.Axis;
import io.vizflow.ui.data.Coverage;
import io.vizflow.ui.data.DatasetRepository;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.DimensionValues;
import io.vizflow.ui.data.HeatmapData;
import io.vizflow.ui.data.LinesData;
import io.vizflow.ui.data.Selection;
import io.vizflow.ui.data.TableData;

import org.springframework.stereotype.Service;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the views ask for: the dataset's summary and filter choices, and the data of a heatmap, of
 * lines and of a table under the shared {@link Selection}. Names and values are checked by the
 * query layer (a {@link QueryException} says what is wrong); values are bound, never spliced into SQL.
 */
@Service
public class ExplorationService {
    /** A bin axis is filled between its smallest and largest bin (even spacing) up to this many bins. */
    static final int MAX_FILLED_BINS = 2_000;
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final DatasetRepository repository;
    private final AxisLabels labels;
    private volatile Cached cached;

    private record Cached(Dataset dataset, DatasetSummary summary, Map<String, DimensionValues> values) {}

    public ExplorationService(DatasetRepository repository) {
        this.repository = repository;
        this.labels = new AxisLabels(repository.market());
    }

    public AxisLabels labels() {
        return labels;
    }

    /** The config the UI was started with (for messages). */
    public String configFile() {
        return repository.configFile().toString();
    }

    /**
     * The dataset's current version.
     *
     * @throws io.vizflow.ui.data.NoDatasetException when nothing was consolidated yet
     */
    public DatasetSummary summary() {
        return cache().summary();
    }

    /** The values of each filterable dimension, as the dataset's current version has them. */
    public List<DimensionValues> filterChoices() {
        return List.copyOf(cache().values().values());
    }

    /**
     * Refuses a filter value that is not of its dimension's type (a whole number for a bin); any text
     * of a text dimension is a plain value.
     *
     * @return why the value is refused, or null when it is a value of the dimension's type
     */
    public static String refusal(Dimension d, String value) {
        String v = value.trim();
        String shown = "'" + shorten(value) + "'";
        switch (d.type()) {
            case INTEGER:
                try {
                    new BigDecimal(v).longValueExact();
                    return null;
                } catch (ArithmeticException | NumberFormatException e) {
                    return d.name() + ": " + shown + " is not a whole number";
                }
            case REAL:
                try {
                    if (Double.isFinite(Double.parseDouble(v))) return null;
                } catch (NumberFormatException e) {
                    // refused below
                }
                return d.name() + ": " + shown + " is not a number";
            case BOOLEAN:
                return v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false") ? null
                        : d.name() + ": " + shown + " is not true or false";
            case TEXT:
                return null;
            default:
                return d.name() + ": not a filterable dimension";
        }
    }

    /** A heatmap of {@code metric} over dimensions {@code x} and {@code y}. */
    public HeatmapData heatmap(Selection selection, String x, String y, String metric) {
        if (x.equals(y)) throw new QueryException("x and y are both '" + shorten(x) + "': choose two different dimensions");
        Dataset ds = dataset();
        Dimension dx = ds.dimension(x);
        Dimension dy = ds.dimension(y);
        String count = countMetricFor(ds, metric);
        QueryResult r = repository.run(query(selection).groupBy(x, y).metrics(withCount(metric, count)).build());
        Axis ax = axis(dx, r, x);
        Axis ay = axis(dy, r, y);
        int ix = r.columnIndex(x), iy = r.columnIndex(y), iv = r.columnIndex(metric);
        int ic = count == null ? -1 : r.columnIndex(count);
        List<HeatmapData.Cell> cells = new ArrayList<>();
        for (List<Object> row : r.rows()) {
            Object v = row.get(iv);
            if (!(v instanceof Number n) || !Double.isFinite(n.doubleValue())) continue;
            Long c = ic < 0 ? null : (Long) row.get(ic);
            cells.add(new HeatmapData.Cell(ax.indexOf(row.get(ix)), ay.indexOf(row.get(iy)), n.doubleValue(), c));
        }
        return new HeatmapData(ax, ay, metric, count, cells, coverage(ds, selection, r.dates()));
    }

    /** {@code metric} across dimension {@code x}, one line per value of {@code series} (null: one line). */
    public LinesData lines(Selection selection, String x, String series, String metric) {
        if (x.equals(series)) throw new QueryException("the x axis and the lines are both '" + shorten(x) + "': choose two different dimensions");
        Dataset ds = dataset();
        Dimension dx = ds.dimension(x);
        Dimension ds2 = series == null ? null : ds.dimension(series);
        String count = countMetricFor(ds, metric);
        Query.Builder q = query(selection).metrics(withCount(metric, count));
        q.groupBy(series == null ? List.of(x) : List.of(x, series));
        QueryResult r = repository.run(q.build());
        Axis ax = axis(dx, r, x);
        int ix = r.columnIndex(x), iv = r.columnIndex(metric);
        int ic = count == null ? -1 : r.columnIndex(count);
        int is = series == null ? -1 : r.columnIndex(series);
        Map<Object, List<List<Object>>> bySeries = new TreeMap<>(KEY_ORDER);
        for (List<Object> row : r.rows()) {
            Object s = is < 0 ? "" : row.get(is);
            bySeries.computeIfAbsent(s == null ? NULL_KEY : s, k -> new ArrayList<>()).add(row);
        }
        List<LinesData.Line> lines = new ArrayList<>();
        for (Map.Entry<Object, List<List<Object>>> e : bySeries.entrySet()) {
            List<Double> values = new ArrayList<>();
            List<Long> counts = new ArrayList<>();
            for (int i = 0; i < ax.keys().size(); i++) {
                values.add(null);
                counts.add(null);
            }
            for (List<Object> row : e.getValue()) {
                int i = ax.indexOf(row.get(ix));
                Object v = row.get(iv);
                values.set(i, v instanceof Number n && Double.isFinite(n.doubleValue()) ? n.doubleValue() : null);
                if (ic >= 0) counts.set(i, (Long) row.get(ic));
            }
            Object key = e.getKey() == NULL_KEY ? null : e.getKey();
            String name = ds2 == null ? metric : labels.label(ds2, key);
            lines.add(new LinesData.Line(name, values, counts));
        }
        return new LinesData(ax, ds2 == null ? null : labels.title(ds2), metric, count, lines, coverage(ds, selection, r.dates()));
    }

    /** The query result grouped by {@code groupBy} (0-2 dimensions) with {@code metrics}. */
    public TableData table(Selection selection, List<String> groupBy, List<String> metrics) {
        Dataset ds = dataset();
        QueryResult r = repository.run(query(selection).groupBy(groupBy).metrics(metrics).build());
        return new TableData(r, coverage(ds, selection, r.dates()));
    }

    /**
     * The metric that counts the rows behind {@code metric}: for a derived metric, a COUNT metric it
     * divides by ({@code n_return_60} for {@code mean_return_60}); else the dataset's COUNT(*) metric.
     */
    static String countMetricFor(Dataset ds, String metric) {
        Map<String, Metric> byName = new LinkedHashMap<>();
        for (Metric m : ds.metrics()) byName.put(m.name(), m);
        Metric self = byName.get(metric);
        if (self != null && isCount(self)) return metric;
        for (DerivedMetric d : ds.derived()) {
            if (!d.name().equals(metric)) continue;
            Matcher m = IDENTIFIER.matcher(d.expression());
            while (m.find()) {
                Metric ref = byName.get(m.group());
                if (ref != null && isCount(ref)) return ref.name();
            }
        }
        return rowCountMetric(ds);
    }

    /** The dataset's COUNT(*) metric (or one named {@code count}), or null. */
    static String rowCountMetric(Dataset ds) {
        for (Metric m : ds.metrics()) {
            if (m.expression() != null && m.expression().replaceAll("\\s", "").equalsIgnoreCase("COUNT(*)")) return m.name();
        }
        for (Metric m : ds.metrics()) if (m.name().equals("count") && m.type() == ValueType.INTEGER) return m.name();
        return null;
    }

    private static boolean isCount(Metric m) {
        return m.type() == ValueType.INTEGER && m.expression() != null
                && m.expression().replaceAll("\\s", "").toUpperCase(Locale.ROOT).startsWith("COUNT(");
    }

    private static List<String> withCount(String metric, String count) {
        return count == null || count.equals(metric) ? List.of(metric) : List.of(metric, count);
    }

    private Dataset dataset() {
        return cache().dataset();
    }

    private Cached cache() {
        Dataset ds = repository.dataset();
        Cached c = cached;
        if (c != null && c.dataset() == ds) return c;
        synchronized (this) {
            c = cached;
            if (c != null && c.dataset() == ds) return c;
            c = new Cached(ds, summarize(ds), values(ds));
            cached = c;
            return c;
        }
    }

    private static DatasetSummary summarize(Dataset ds) {
        ConsolidatedManifest m = ds.manifest();
        Map<LocalDate, Long> perDate = new LinkedHashMap<>();
        m.dates().forEach((ymd, e) -> perDate.put(LocalDate.parse(ymd, DateTimeFormatter.BASIC_ISO_DATE), e.rows()));
        String version = m.updated() + "#" + Integer.toHexString(System.identityHashCode(ds));
        return new DatasetSummary(version, ds.directory(), m.updated(), List.copyOf(ds.dates()), perDate, ds.rows(),
                ds.dimensions(), ds.metrics().stream().map(Metric::name).toList(),
                ds.derived().stream().map(DerivedMetric::name).toList(), rowCountMetric(ds));
    }

    private Map<String, DimensionValues> values(Dataset ds) {
        Map<String, DimensionValues> out = new LinkedHashMap<>();
        if (ds.dates().isEmpty()) return out;
        String any = ds.metrics().get(0).name();
        for (Dimension d : ds.dimensions()) {
            if (d.name().equals(Dimension.DATE)) continue;
            QueryResult r = repository.run(Query.builder().groupBy(d.name()).metrics(any).build());
            List<String> values = new ArrayList<>();
            List<String> shown = new ArrayList<>();
            for (List<Object> row : r.rows()) {
                Object v = row.get(0);
                if (v == null) continue; // a filter value null cannot be given as text
                values.add(String.valueOf(v));
                shown.add(d.isBin() ? v + " (" + labels.label(d, v) + ")" : labels.label(d, v));
            }
            out.put(d.name(), new DimensionValues(d, values, shown));
        }
        return out;
    }

    private static Query.Builder query(Selection s) {
        Query.Builder q = Query.builder().dates(s.from(), s.to());
        s.values().forEach((dim, values) -> q.where(dim, values));
        return q;
    }

    private Coverage coverage(Dataset ds, Selection s, List<LocalDate> dates) {
        Map<String, ConsolidatedManifest.DateEntry> entries = ds.manifest().dates();
        long rows = 0;
        for (LocalDate d : dates) {
            ConsolidatedManifest.DateEntry e = entries.get(d.format(DateTimeFormatter.BASIC_ISO_DATE));
            if (e != null) rows += e.rows();
        }
        String count = rowCountMetric(ds);
        Long counted = null;
        if (count != null) {
            QueryResult total = repository.run(query(s).metrics(count).build());
            counted = total.size() == 0 || total.rows().get(0).get(0) == null ? 0L : (Long) total.rows().get(0).get(0);
        }
        return new Coverage(dates, ds.dates().size(), rows, counted, count);
    }

    private Axis axis(Dimension d, QueryResult r, String column) {
        int i = r.columnIndex(column);
        Set<Object> seen = new LinkedHashSet<>();
        for (List<Object> row : r.rows()) seen.add(row.get(i));
        List<Object> keys = new ArrayList<>(seen);
        keys.sort(KEY_ORDER);
        if (d.isBin() && !keys.isEmpty()) {
            Long lo = null, hi = null;
            for (Object k : keys) {
                if (k instanceof Long l) {
                    lo = lo == null ? l : Math.min(lo, l);
                    hi = hi == null ? l : Math.max(hi, l);
                }
            }
            if (lo != null && hi - lo < MAX_FILLED_BINS) {
                boolean hasNull = keys.contains(null);
                keys = new ArrayList<>();
                for (long b = lo; b <= hi; b++) keys.add(b);
                if (hasNull) keys.add(null);
            }
        }
        List<String> shown = new ArrayList<>();
        for (Object k : keys) shown.add(labels.label(d, k));
        return new Axis(d, labels.title(d), keys, shown);
    }

    private static final Object NULL_KEY = new Object() {
        @Override
        public String toString() {
            return "(null)";
        }
    };

    /** Natural order of dimension values, nulls last. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static final Comparator<Object> KEY_ORDER = (a, b) -> {
        boolean na = a == null || a == NULL_KEY, nb = b == null || b == NULL_KEY;
        if (na || nb) return na == nb ? 0 : na ? 1 : -1;
        if (a.getClass() == b.getClass() && a instanceof Comparable ca) return ca.compareTo(b);
        return String.valueOf(a).compareTo(String.valueOf(b));
    };

    static String shorten(String s) {
        if (s == null) return "null";
        return s.length() <= 80 ? s : s.substring(0, 77) + "...";
    }
}
