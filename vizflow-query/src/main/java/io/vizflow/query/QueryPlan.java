package io.vizflow.query;

import io.vizflow.consolidate.MergeRule;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Set;

/**
 * A {@link Query} checked against a {@link Dataset} and turned into one SQL statement and its
 * parameters. The statement's text is made only of the dataset's own column names (checked when
 * it was opened, against a whitelist pattern) and fixed SQL; every value a user gave (dates,
 * filter values, bounds) is a bound parameter. Nothing a user typed is ever part of the SQL text.
 */
final class QueryPlan {
    /** The placeholder of the data source in {@link #sql}: a table name or {@code read_parquet(?)}. */
    static final String SOURCE = "{source}";
    private static final LocalDate FIRST_DAY = LocalDate.of(1, 1, 1);
    private static final LocalDate LAST_DAY = LocalDate.of(9999, 12, 31);

    final List<Dimension> groupBy;
    /** The metrics fetched: the ones asked for and the ones the derived metrics read. */
    final List<Metric> fetched;
    /** The names asked for, in order: metrics and derived metrics. */
    final List<String> asked;
    final List<LocalDate> dates;
    final String sql;
    final List<Object> parameters;
    final List<QueryResult.Column> columns;

    private QueryPlan(List<Dimension> groupBy, List<Metric> fetched, List<String> asked, List<LocalDate> dates,
                      String sql, List<Object> parameters, List<QueryResult.Column> columns) {
        this.groupBy = groupBy;
        this.fetched = fetched;
        this.asked = asked;
        this.dates = dates;
        this.sql = sql;
        this.parameters = parameters;
        this.columns = columns;
    }

    static QueryPlan of(Dataset ds, Query q) {
        List<Dimension> groupBy = new ArrayList<>();
        for (String g : q.groupBy()) groupBy.add(ds.dimension(g));

        Set<String> needed = new LinkedHashSet<>();
        List<String> derivedAsked = new ArrayList<>();
        for (String m : q.metrics()) {
            ds.checkMetricOrDerived(m);
            if (ds.isDerived(m)) {
                derivedAsked.add(m);
            } else {
                needed.add(m);
            }
        }
        needed.addAll(ds.derivedMetrics().metricsNeeded(derivedAsked));
        List<Metric> fetched = new ArrayList<>();
        for (String m : needed) fetched.add(ds.metric(m));

        List<LocalDate> dates = dates(ds, q);

        List<Object> params = new ArrayList<>();
        List<String> select = new ArrayList<>();
        for (Dimension d : groupBy) select.add(quote(d.name()));
        for (int i = 0; i < fetched.size(); i++) select.add(merge(fetched.get(i)) + " AS " + quote("m" + i));

        List<String> where = new ArrayList<>();
        if (q.dateList() != null) {
            where.add(quote(Dimension.DATE) + " IN (" + placeholders(dates.size()) + ")");
            params.addAll(dates);
        } else {
            where.add(quote(Dimension.DATE) + " BETWEEN ? AND ?");
            params.add(q.from() != null ? q.from() : FIRST_DAY);
            params.add(q.to() != null ? q.to() : LAST_DAY);
        }
        for (Map.Entry<String, List<Object>> f : q.in().entrySet()) {
            Dimension d = filterable(ds, f.getKey());
            List<Object> values = new ArrayList<>();
            boolean matchNull = false;
            for (Object v : f.getValue()) {
                if (v == null) {
                    matchNull = true;
                } else {
                    values.add(FilterValues.convert(d, v));
                }
            }
            String col = quote(d.name());
            String in = values.isEmpty() ? null : col + " IN (" + placeholders(values.size()) + ")";
            params.addAll(values);
            if (in != null && matchNull) {
                where.add("(" + in + " OR " + col + " IS NULL)");
            } else if (in != null) {
                where.add(in);
            } else {
                where.add(col + " IS NULL");
            }
        }
        for (Map.Entry<String, Query.Range> b : q.between().entrySet()) {
            Dimension d = filterable(ds, b.getKey());
            if (d.type() != ValueType.INTEGER && d.type() != ValueType.REAL) {
                throw new QueryException("filter " + d.name() + ": a range needs a numeric dimension, " + d.name() + " is " + d.type());
            }
            if (b.getValue().min() != null) {
                where.add(quote(d.name()) + " >= ?");
                params.add(FilterValues.convert(d, b.getValue().min()));
            }
            if (b.getValue().max() != null) {
                where.add(quote(d.name()) + " <= ?");
                params.add(FilterValues.convert(d, b.getValue().max()));
            }
        }

        StringBuilder sql = new StringBuilder("SELECT ").append(String.join(", ", select))
                .append(" FROM ").append(SOURCE)
                .append(" WHERE ").append(String.join(" AND ", where));
        if (!groupBy.isEmpty()) {
            List<String> keys = new ArrayList<>();
            List<String> order = new ArrayList<>();
            for (Dimension d : groupBy) {
                keys.add(quote(d.name()));
                order.add(quote(d.name()) + " ASC NULLS LAST");
            }
            sql.append(" GROUP BY ").append(String.join(", ", keys)).append(" ORDER BY ").append(String.join(", ", order));
        }

        List<QueryResult.Column> columns = new ArrayList<>();
        for (Dimension d : groupBy) {
            columns.add(new QueryResult.Column(d.name(), QueryResult.Kind.DIMENSION, d.type()));
            if (d.isBin()) columns.add(new QueryResult.Column(binValueName(ds, d), QueryResult.Kind.BIN_VALUE, ValueType.REAL));
        }
        for (String m : q.metrics()) {
            columns.add(ds.isDerived(m) ? new QueryResult.Column(m, QueryResult.Kind.DERIVED, ValueType.REAL)
                    : new QueryResult.Column(m, QueryResult.Kind.METRIC, ds.metric(m).type()));
        }
        return new QueryPlan(List.copyOf(groupBy), List.copyOf(fetched), List.copyOf(q.metrics()), List.copyOf(dates),
                sql.toString(), params, columns);
    }

    /** The real-value column of a bin: the binned column's name, unless the dataset already uses it. */
    static String binValueName(Dataset ds, Dimension d) {
        String name = d.binOf() != null && Dataset.NAME.matcher(d.binOf()).matches() ? d.binOf() : d.name() + "_value";
        boolean taken = ds.metric(name) != null || ds.isDerived(name)
                || ds.dimensions().stream().anyMatch(x -> x.name().equals(name));
        return taken ? d.name() + "_value" : name;
    }

    private static Dimension filterable(Dataset ds, String name) {
        Dimension d = ds.dimension(name);
        if (d.name().equals(Dimension.DATE)) {
            throw new QueryException("filter date: choose dates with a date range or a list of dates, not a filter");
        }
        return d;
    }

    /** The dates held that the query chooses; a listed date the dataset does not hold is an error. */
    private static List<LocalDate> dates(Dataset ds, Query q) {
        NavigableSet<LocalDate> held = ds.dates();
        if (q.dateList() != null) {
            List<LocalDate> missing = new ArrayList<>();
            for (LocalDate d : q.dateList()) {
                if (!held.contains(d)) missing.add(d);
            }
            if (!missing.isEmpty()) {
                throw new QueryException("dates not in the dataset: " + shortList(missing) + " (it holds "
                        + (held.isEmpty() ? "no date" : held.size() + " dates, " + held.first() + ".." + held.last()) + ")");
            }
            return new ArrayList<>(q.dateList());
        }
        LocalDate from = q.from() != null ? q.from() : LocalDate.MIN;
        LocalDate to = q.to() != null ? q.to() : LocalDate.MAX;
        return new ArrayList<>(held.subSet(from, true, to, true));
    }

    private static String shortList(List<LocalDate> dates) {
        List<String> s = new ArrayList<>();
        for (int i = 0; i < Math.min(5, dates.size()); i++) s.add(dates.get(i).toString());
        return String.join(", ", s) + (dates.size() > 5 ? " and " + (dates.size() - 5) + " more" : "");
    }

    private static String merge(Metric m) {
        String col = quote(m.name());
        if (m.merge() == MergeRule.SUM) {
            // the sum of nothing is 0, as in the partials; DuckDB sums BIGINT as HUGEINT: back to BIGINT
            return m.type() == ValueType.INTEGER ? "CAST(COALESCE(SUM(" + col + "), 0) AS BIGINT)" : "COALESCE(SUM(" + col + "), 0)";
        }
        return m.merge().function().toUpperCase(Locale.ROOT) + "(" + col + ")";
    }

    private static String placeholders(int n) {
        return String.join(", ", java.util.Collections.nCopies(n, "?"));
    }

    /** A column name of the dataset (checked against {@link Dataset#NAME} when it was opened), quoted. */
    static String quote(String name) {
        if (!Dataset.NAME.matcher(name).matches()) throw new IllegalStateException("not a checked column name: " + name);
        return '"' + name + '"';
    }
}
