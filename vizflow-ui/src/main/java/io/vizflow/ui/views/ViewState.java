package io.vizflow.ui.views;

import io.vizflow.query.Dimension;
import io.vizflow.ui.data.DatasetSummary;
import io.vizflow.ui.data.Selection;
import io.vizflow.ui.services.ExplorationService;

import com.vaadin.flow.router.QueryParameters;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of a view as its URL holds it, so that a chart can be shared:
 * {@code from}, {@code to} (dates), {@code f.DIM} (the values kept of a dimension, repeated), and
 * the view's own choices ({@code x}, {@code y}, {@code series}, {@code metric}, {@code by},
 * {@code metrics}, {@code sort}).
 *
 * <p>A URL is input from anywhere: names must be the dataset's (an unknown one is refused with a
 * note and its default used), a filter value must be of its dimension's type (else refused), any
 * other value is a plain value (it is bound, never spliced into SQL).
 */
final class ViewState {
    static final String FROM = "from";
    static final String TO = "to";
    static final String FILTER = "f.";
    static final String X = "x";
    static final String Y = "y";
    static final String SERIES = "series";
    static final String METRIC = "metric";
    static final String BY = "by";
    static final String METRICS = "metrics";
    static final String SORT = "sort";
    /** No line per value: one line. */
    static final String NONE = "";
    /** At most this many values of one filter are taken from a URL. */
    static final int MAX_VALUES = 1_000;

    LocalDate from;
    LocalDate to;
    final Map<String, List<String>> filters = new LinkedHashMap<>();
    String x;
    String y;
    String series;
    String metric;
    List<String> by = new ArrayList<>();
    List<String> metrics = new ArrayList<>();
    String sort;
    boolean descending;

    /** The shared filters. */
    Selection selection() {
        return new Selection(from, to, filters);
    }

    /**
     * Reads the state from URL parameters, keeping what fits the dataset and adding a note to
     * {@code refused} for each parameter it refuses.
     *
     * @param keys the view's own parameters (others than the shared ones are refused)
     */
    static ViewState parse(Map<String, List<String>> params, DatasetSummary ds, Set<String> keys, List<String> refused) {
        ViewState s = new ViewState();
        for (Map.Entry<String, List<String>> e : params.entrySet()) {
            String key = e.getKey();
            List<String> values = e.getValue() == null ? List.of() : e.getValue();
            String first = values.isEmpty() ? "" : values.get(0);
            if (key.equals(FROM) || key.equals(TO)) {
                LocalDate d = date(first);
                if (d == null) {
                    refused.add(key + ": '" + shorten(first) + "' is not a date (YYYY-MM-DD)");
                } else if (key.equals(FROM)) {
                    s.from = d;
                } else {
                    s.to = d;
                }
            } else if (key.startsWith(FILTER)) {
                String dim = key.substring(FILTER.length());
                Dimension d = ds.dimension(dim);
                if (d == null || d.name().equals(Dimension.DATE)) {
                    refused.add(shorten(key) + ": unknown dimension '" + shorten(dim) + "'; filters are "
                            + ds.filterDimensions().stream().map(Dimension::name).toList());
                    continue;
                }
                List<String> kept = new ArrayList<>();
                for (String v : values) {
                    if (kept.size() >= MAX_VALUES) {
                        refused.add(key + ": more than " + MAX_VALUES + " values; the rest are left out");
                        break;
                    }
                    String why = ExplorationService.refusal(d, v);
                    if (why != null) refused.add(why); else if (!kept.contains(v)) kept.add(v);
                }
                if (!kept.isEmpty()) s.filters.put(d.name(), kept);
            } else if (!keys.contains(key)) {
                refused.add("unknown parameter '" + shorten(key) + "'");
            } else if (key.equals(X) || key.equals(Y) || key.equals(SERIES)) {
                if (key.equals(SERIES) && first.equals(NONE)) {
                    s.series = NONE;
                } else if (ds.dimension(first) == null) {
                    refused.add(key + ": unknown dimension '" + shorten(first) + "'; dimensions are "
                            + ds.dimensions().stream().map(Dimension::name).toList());
                } else if (key.equals(X)) {
                    s.x = first;
                } else if (key.equals(Y)) {
                    s.y = first;
                } else {
                    s.series = first;
                }
            } else if (key.equals(METRIC)) {
                if (ds.hasMetric(first)) s.metric = first;
                else refused.add("metric: unknown metric '" + shorten(first) + "'; metrics are " + ds.allMetrics());
            } else if (key.equals(BY)) {
                for (String d : split(first)) {
                    if (ds.dimension(d) == null) refused.add("by: unknown dimension '" + shorten(d) + "'");
                    else if (s.by.size() >= 2) refused.add("by: at most two dimensions");
                    else if (!s.by.contains(d)) s.by.add(d);
                }
            } else if (key.equals(METRICS)) {
                for (String m : split(first)) {
                    if (!ds.hasMetric(m)) refused.add("metrics: unknown metric '" + shorten(m) + "'");
                    else if (!s.metrics.contains(m)) s.metrics.add(m);
                }
            } else if (key.equals(SORT)) {
                int colon = first.lastIndexOf(':');
                String col = colon < 0 ? first : first.substring(0, colon);
                String dir = colon < 0 ? "asc" : first.substring(colon + 1);
                if (!col.matches("[A-Za-z_][A-Za-z0-9_]{0,100}") || !(dir.equals("asc") || dir.equals("desc"))) {
                    refused.add("sort: '" + shorten(first) + "' is not COLUMN:asc or COLUMN:desc");
                } else {
                    s.sort = col;
                    s.descending = dir.equals("desc");
                }
            }
        }
        if (s.from != null && s.to != null && s.from.isAfter(s.to)) {
            refused.add("from " + s.from + " is after to " + s.to + ": all dates are shown");
            s.from = null;
            s.to = null;
        }
        return s;
    }

    /** The URL parameters of the state: the shared ones and the view's {@code keys}. */
    QueryParameters toQueryParameters(Set<String> keys) {
        Map<String, List<String>> p = shared();
        if (keys.contains(X) && x != null) p.put(X, List.of(x));
        if (keys.contains(Y) && y != null) p.put(Y, List.of(y));
        if (keys.contains(SERIES) && series != null) p.put(SERIES, List.of(series));
        if (keys.contains(METRIC) && metric != null) p.put(METRIC, List.of(metric));
        if (keys.contains(BY) && !by.isEmpty()) p.put(BY, List.of(String.join(",", by)));
        if (keys.contains(METRICS) && !metrics.isEmpty()) p.put(METRICS, List.of(String.join(",", metrics)));
        if (keys.contains(SORT) && sort != null) p.put(SORT, List.of(sort + (descending ? ":desc" : ":asc")));
        return new QueryParameters(p);
    }

    /** The shared parameters only (the links to the other views carry them). */
    QueryParameters sharedParameters() {
        return new QueryParameters(shared());
    }

    private Map<String, List<String>> shared() {
        Map<String, List<String>> p = new LinkedHashMap<>();
        if (from != null) p.put(FROM, List.of(from.toString()));
        if (to != null) p.put(TO, List.of(to.toString()));
        filters.forEach((d, v) -> p.put(FILTER + d, List.copyOf(v)));
        return p;
    }

    private static LocalDate date(String text) {
        String t = text.trim();
        for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_LOCAL_DATE, DateTimeFormatter.BASIC_ISO_DATE)) {
            try {
                return LocalDate.parse(t, f);
            } catch (DateTimeParseException e) {
                // the next format
            }
        }
        return null;
    }

    private static List<String> split(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(v -> !v.isEmpty()).toList();
    }

    static String shorten(String s) {
        if (s == null) return "null";
        return s.length() <= 60 ? s : s.substring(0, 57) + "...";
    }
}
