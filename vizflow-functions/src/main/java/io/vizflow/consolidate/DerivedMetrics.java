package io.vizflow.consolidate;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The {@code derived:} section: expressions over merged metrics, checked as a whole (names,
 * references, no cycles) and evaluated in dependency order at query time.
 */
public final class DerivedMetrics {
    private static final Pattern NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

    private final Map<String, DerivedExpression> ordered;
    private final Set<String> metrics;

    private DerivedMetrics(Map<String, DerivedExpression> ordered, Set<String> metrics) {
        this.ordered = Collections.unmodifiableMap(ordered);
        this.metrics = Collections.unmodifiableSet(metrics);
    }

    /** No derived metrics. */
    public static DerivedMetrics none() {
        return new DerivedMetrics(Map.of(), Set.of());
    }

    /**
     * Parses and checks a {@code derived:} section.
     *
     * @param derived    name to expression, as configured
     * @param metrics    the metric names the expressions may read
     * @param dimensions the group-by columns (a derived metric may not take their names)
     * @throws IllegalArgumentException {@code derived.NAME: what is wrong}
     */
    public static DerivedMetrics compile(Map<String, String> derived, Collection<String> metrics,
                                         Collection<String> dimensions) {
        Map<String, DerivedExpression> parsed = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : derived.entrySet()) {
            String name = e.getKey();
            if (!NAME.matcher(name).matches()) {
                throw new IllegalArgumentException("derived." + name + ": not a column name (letters, digits, _)");
            }
            if (metrics.contains(name)) {
                throw new IllegalArgumentException("derived." + name + ": is also a metric");
            }
            if (dimensions.contains(name)) {
                throw new IllegalArgumentException("derived." + name + ": is also a group_by column");
            }
            parsed.put(name, DerivedExpression.parse(name, e.getValue()));
        }
        for (DerivedExpression d : parsed.values()) {
            for (String ref : d.references()) {
                if (!metrics.contains(ref) && !parsed.containsKey(ref)) {
                    String hint = dimensions.contains(ref) ? " ('" + ref + "' is a group_by column, not a metric)" : "";
                    throw new IllegalArgumentException("derived." + d.name() + ": unknown name '" + ref + "'" + hint
                            + "; metrics are " + metrics + (parsed.size() > 1 ? ", derived are " + parsed.keySet() : ""));
                }
            }
        }
        Map<String, DerivedExpression> ordered = new LinkedHashMap<>();
        for (String name : parsed.keySet()) visit(name, parsed, ordered, new ArrayList<>());
        return new DerivedMetrics(ordered, new LinkedHashSet<>(metrics));
    }

    private static void visit(String name, Map<String, DerivedExpression> parsed,
                              Map<String, DerivedExpression> ordered, List<String> path) {
        if (ordered.containsKey(name) || !parsed.containsKey(name)) return;
        if (path.contains(name)) {
            List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
            cycle.add(name);
            throw new IllegalArgumentException("derived." + name + ": refers to itself: " + String.join(" -> ", cycle));
        }
        path.add(name);
        for (String ref : parsed.get(name).references()) visit(ref, parsed, ordered, path);
        path.remove(path.size() - 1);
        ordered.put(name, parsed.get(name));
    }

    /** The derived metrics, each after the ones it reads. */
    public Map<String, DerivedExpression> expressions() {
        return ordered;
    }

    public boolean contains(String name) {
        return ordered.containsKey(name);
    }

    /** The metrics that the named derived metrics read, directly or through other derived ones. */
    public Set<String> metricsNeeded(Collection<String> derivedNames) {
        Set<String> out = new LinkedHashSet<>();
        Set<String> seen = new LinkedHashSet<>();
        List<String> todo = new ArrayList<>(derivedNames);
        while (!todo.isEmpty()) {
            String n = todo.remove(todo.size() - 1);
            if (!seen.add(n)) continue;
            if (metrics.contains(n)) {
                out.add(n);
            } else if (ordered.containsKey(n)) {
                todo.addAll(ordered.get(n).references());
            }
        }
        return out;
    }

    /**
     * Every derived value, given the merged metric values (null where undefined).
     *
     * @param metricValues metric name to value (a missing or null value is null)
     */
    public Map<String, Double> evaluate(Map<String, Double> metricValues) {
        Map<String, Double> values = new LinkedHashMap<>(metricValues);
        Map<String, Double> out = new LinkedHashMap<>();
        for (DerivedExpression d : ordered.values()) {
            Double v = d.evaluate(values::get);
            values.put(d.name(), v);
            out.put(d.name(), v);
        }
        return out;
    }
}
