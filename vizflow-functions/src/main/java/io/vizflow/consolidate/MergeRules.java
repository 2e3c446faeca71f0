package io.vizflow.consolidate;

import io.vizflow.consolidate.MetricExpression.Call;
import io.vizflow.consolidate.MetricExpression.Node;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Each metric's merge rule, read from its aggregate function: {@code COUNT(...)} and
 * {@code SUM(...)} merge by summing, {@code MIN(...)} by min, {@code MAX(...)} by max. A metric
 * that cannot merge exactly (AVG, STDDEV, a distinct count, a ratio or any other expression of
 * aggregates) is refused with a message that says how to write it instead: plain metrics that
 * merge, and a {@code derived:} expression over them, computed at query time.
 */
public final class MergeRules {
    private static final Set<String> DEVIATIONS = Set.of("STDDEV", "STDDEV_SAMP", "STDDEV_POP", "VARIANCE",
            "VAR_SAMP", "VAR_POP");

    private MergeRules() {}

    /**
     * The config-load check: refuses every metric that is a readable expression and cannot merge
     * exactly. An expression this check cannot read is left to Flink, which names it when the job
     * is planned.
     *
     * @throws IllegalArgumentException {@code metrics.NAME: why, and what to write instead}
     */
    public static void check(Map<String, String> metrics) {
        metrics.forEach((name, expression) -> {
            MetricExpression e;
            try {
                e = MetricExpression.parse(expression);
            } catch (IllegalArgumentException unreadable) {
                return;
            }
            rule(name, e);
        });
    }

    /**
     * The merge rule of every metric, in the config's order.
     *
     * @throws IllegalArgumentException naming the first metric that cannot merge exactly
     */
    public static Map<String, MergeRule> of(Map<String, String> metrics) {
        Map<String, MergeRule> out = new LinkedHashMap<>();
        metrics.forEach((name, expression) -> out.put(name, of(name, expression)));
        return out;
    }

    /** The merge rule of one metric. */
    public static MergeRule of(String name, String expression) {
        MetricExpression e;
        try {
            e = MetricExpression.parse(expression);
        } catch (IllegalArgumentException unreadable) {
            throw new IllegalArgumentException("metrics." + name + ": '" + expression
                    + "' is not an aggregate expression VizFlow can read: " + unreadable.getMessage(), unreadable);
        }
        return rule(name, e);
    }

    private static MergeRule rule(String name, MetricExpression e) {
        String key = "metrics." + name + ": ";
        if (e.root instanceof Call c && c.isAggregate()) {
            String arg = c.star() ? "*" : c.args().isEmpty() ? "" : e.text(c.args().get(0));
            switch (c.name()) {
                case "COUNT":
                case "SUM":
                    if (c.distinct()) throw new IllegalArgumentException(key + distinctCount(c.name()));
                    return MergeRule.SUM;
                case "SUM0":
                    return MergeRule.SUM;
                case "MIN":
                    return MergeRule.MIN;
                case "MAX":
                    return MergeRule.MAX;
                case "AVG": {
                    String x = suffix(e, c);
                    throw new IllegalArgumentException(key + "AVG cannot be merged across dates exactly; write sum_" + x
                            + ": SUM(" + arg + ") and n_" + x + ": COUNT(" + arg + "), and derive " + name + ": sum_"
                            + x + " / n_" + x);
                }
                case "APPROX_COUNT_DISTINCT":
                    throw new IllegalArgumentException(key + distinctCount(c.name()));
                default:
                    if (DEVIATIONS.contains(c.name())) {
                        throw new IllegalArgumentException(key + c.name() + deviation(name, c, e, arg));
                    }
                    throw new IllegalArgumentException(key + c.name() + " cannot be merged across dates exactly; "
                            + "only COUNT, SUM, MIN and MAX can: write those as metrics and derive the rest from "
                            + "them under derived:");
            }
        }
        List<Call> aggregates = e.outerAggregates();
        if (aggregates.isEmpty()) {
            if (e.root instanceof Call c) {
                throw new IllegalArgumentException(key + "'" + e.text + "': " + c.name() + " is not an aggregate that "
                        + "merges across dates; a metric is COUNT, SUM, MIN or MAX of an expression");
            }
            throw new IllegalArgumentException(key + "'" + e.text + "' is not an aggregate; a metric is COUNT, SUM, "
                    + "MIN or MAX of an expression, e.g. SUM(" + e.text + ")");
        }
        String what = isRatio(e.root) ? "a ratio of aggregates" : "an expression of aggregates";
        throw new IllegalArgumentException(key + what + " cannot be merged across dates exactly; " + rewrite(name, e, aggregates));
    }

    private static String distinctCount(String function) {
        return function + "(DISTINCT ...) cannot be merged across dates exactly (a value seen on two dates "
                + "would be counted twice); add the column to group_by and count rows instead";
    }

    private static String deviation(String name, Call c, MetricExpression e, String arg) {
        String x = suffix(e, c);
        boolean population = c.name().endsWith("_POP");
        boolean variance = c.name().startsWith("VAR");
        String inner = "(sumsq_" + x + " - sum_" + x + " * sum_" + x + " / n_" + x + ") / "
                + (population ? "n_" + x : "(n_" + x + " - 1)");
        String sq = arg.matches("[A-Za-z_][A-Za-z0-9_]*") ? arg + " * " + arg : "(" + arg + ") * (" + arg + ")";
        return " cannot be merged across dates exactly; write sum_" + x + ": SUM(" + arg + "), sumsq_" + x
                + ": SUM(" + sq + ") and n_" + x + ": COUNT(" + arg + "), and derive " + name + ": "
                + (variance ? inner : "SQRT(" + inner + ")");
    }

    private static boolean isRatio(Node root) {
        Node n = root;
        while (n instanceof MetricExpression.Other o && o.what().equals("()")) n = o.children().get(0);
        return n instanceof MetricExpression.Other o && o.what().equals("/");
    }

    /** Each aggregate as its own metric, and the expression rewritten over their names. */
    private static String rewrite(String name, MetricExpression e, List<Call> aggregates) {
        List<String> metrics = new ArrayList<>();
        Map<Call, String> names = new LinkedHashMap<>();
        for (Call c : aggregates) {
            boolean mergeable = !c.distinct() && Set.of("COUNT", "SUM", "MIN", "MAX").contains(c.name());
            if (!mergeable) {
                return "write each aggregate as its own COUNT, SUM, MIN or MAX metric and combine them under derived:";
            }
            String base = c.name().equals("COUNT") ? (c.star() ? "count" : "n_" + suffix(e, c))
                    : c.name().toLowerCase(java.util.Locale.ROOT) + "_" + suffix(e, c);
            String n = base;
            for (int i = 2; names.containsValue(n); i++) n = base + "_" + i;
            names.put(c, n);
            metrics.add(n + ": " + e.text(c));
        }
        StringBuilder derived = new StringBuilder(e.text);
        names.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<Call, String> en) -> en.getKey().start()).reversed())
                .forEach(en -> derived.replace(en.getKey().start(), en.getKey().end(), en.getValue()));
        String list = metrics.size() == 1 ? metrics.get(0)
                : String.join(", ", metrics.subList(0, metrics.size() - 1)) + " and " + metrics.get(metrics.size() - 1);
        return "write " + list + " as metrics, and derive " + name + ": " + derived.toString().trim();
    }

    /** A name for what an aggregate reads: its columns joined by '_' (e.g. matched_qty_price). */
    private static String suffix(MetricExpression e, Call c) {
        List<String> columns = new ArrayList<>();
        for (Node a : c.args()) columns.addAll(e.columns(a));
        return columns.isEmpty() ? "x" : String.join("_", columns);
    }
}
