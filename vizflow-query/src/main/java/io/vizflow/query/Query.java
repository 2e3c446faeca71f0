package io.vizflow.query;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * A question to a consolidated dataset: which dates (all, a range or a list), which dimension
 * values (filters), grouped by zero, one or two dimensions, which metrics and derived metrics.
 * A value, independent of any dataset; {@link QueryService#run} checks it against one.
 *
 * <pre>{@code
 * Query q = Query.builder()
 *         .dates(LocalDate.of(2024, 1, 2), LocalDate.of(2024, 3, 29))
 *         .where("side", "B")
 *         .groupBy("alpha1_bin", "elapsed_seconds_bin")
 *         .metrics("count", "mean_return_60")
 *         .build();
 * }</pre>
 *
 * Filter values are the dimension's values, as objects ({@code 12L}, {@code true}, {@code "B"}) or
 * as text ({@code "12"}, {@code "true"}), converted to the dimension's type when the query runs;
 * {@code null} matches null. Values of one dimension are alternatives (IN), filters on several
 * dimensions all apply (AND).
 */
public final class Query {
    /** At most this many group-by dimensions (a heatmap's two axes). */
    public static final int MAX_GROUP_BY = 2;

    private final LocalDate from;
    private final LocalDate to;
    private final NavigableSet<LocalDate> dateList;
    private final Map<String, List<Object>> in;
    private final Map<String, Range> between;
    private final List<String> groupBy;
    private final List<String> metrics;

    /**
     * An inclusive range of a numeric dimension (a bin's index, not its real value); a null end is open.
     *
     * @param min the least value, or null
     * @param max the greatest value, or null
     */
    public record Range(Number min, Number max) {}

    private Query(Builder b) {
        this.from = b.from;
        this.to = b.to;
        this.dateList = b.dateList == null ? null : Collections.unmodifiableNavigableSet(new TreeSet<>(b.dateList));
        Map<String, List<Object>> copy = new LinkedHashMap<>();
        b.in.forEach((k, v) -> copy.put(k, Collections.unmodifiableList(new ArrayList<>(v))));
        this.in = Collections.unmodifiableMap(copy);
        this.between = Collections.unmodifiableMap(new LinkedHashMap<>(b.between));
        this.groupBy = List.copyOf(b.groupBy);
        this.metrics = List.copyOf(b.metrics);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding this query's settings, to change some. */
    public Builder toBuilder() {
        Builder b = new Builder();
        b.from = from;
        b.to = to;
        b.dateList = dateList == null ? null : new TreeSet<>(dateList);
        in.forEach((k, v) -> b.in.put(k, new ArrayList<>(v)));
        b.between.putAll(between);
        b.groupBy.addAll(groupBy);
        b.metrics.addAll(metrics);
        return b;
    }

    /** The first date of the range, or null (from the first date held). */
    public LocalDate from() {
        return from;
    }

    /** The last date of the range, or null (to the last date held). */
    public LocalDate to() {
        return to;
    }

    /** The dates chosen one by one, or null when the query takes a range (or all dates). */
    public NavigableSet<LocalDate> dateList() {
        return dateList;
    }

    /** Dimension to the values it may take. */
    public Map<String, List<Object>> in() {
        return in;
    }

    /** Dimension to the range it must fall in. */
    public Map<String, Range> between() {
        return between;
    }

    public List<String> groupBy() {
        return groupBy;
    }

    /** The metrics and derived metrics, in the order the result has them. */
    public List<String> metrics() {
        return metrics;
    }

    @Override
    public String toString() {
        return "Query{dates=" + (dateList != null ? dateList : (from == null ? "*" : from) + ".." + (to == null ? "*" : to))
                + ", in=" + in + ", between=" + between + ", groupBy=" + groupBy + ", metrics=" + metrics + "}";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && Objects.equals(from, q.from) && Objects.equals(to, q.to)
                && Objects.equals(dateList, q.dateList) && in.equals(q.in) && between.equals(q.between)
                && groupBy.equals(q.groupBy) && metrics.equals(q.metrics);
    }

    @Override
    public int hashCode() {
        return Objects.hash(from, to, dateList, in, between, groupBy, metrics);
    }

    /** Builds a {@link Query}; the last date choice wins. */
    public static final class Builder {
        private LocalDate from;
        private LocalDate to;
        private Set<LocalDate> dateList;
        private final Map<String, List<Object>> in = new LinkedHashMap<>();
        private final Map<String, Range> between = new LinkedHashMap<>();
        private final Set<String> groupBy = new LinkedHashSet<>();
        private final Set<String> metrics = new LinkedHashSet<>();

        private Builder() {}

        /** Every date the dataset holds (the default). */
        public Builder allDates() {
            from = null;
            to = null;
            dateList = null;
            return this;
        }

        /** The dates held from {@code from} to {@code to}, both included; a null end is open. */
        public Builder dates(LocalDate from, LocalDate to) {
            if (from != null && to != null && from.isAfter(to)) {
                throw new QueryException("dates: " + from + " is after " + to);
            }
            this.from = from;
            this.to = to;
            this.dateList = null;
            return this;
        }

        /** Exactly these dates; each must be held by the dataset. */
        public Builder dates(Collection<LocalDate> dates) {
            if (dates.isEmpty()) throw new QueryException("dates: the list of dates is empty");
            for (LocalDate d : dates) Objects.requireNonNull(d, "dates: a date is null");
            this.dateList = new TreeSet<>(dates);
            this.from = null;
            this.to = null;
            return this;
        }

        /** Keeps the rows whose {@code dimension} is one of {@code values} (more calls add values). */
        public Builder where(String dimension, Object... values) {
            return where(dimension, Arrays.asList(values));
        }

        /** Keeps the rows whose {@code dimension} is one of {@code values} (more calls add values). */
        public Builder where(String dimension, Collection<?> values) {
            Objects.requireNonNull(dimension, "dimension");
            if (values.isEmpty()) throw new QueryException("filter " + Dataset.shorten(dimension) + ": no value given");
            in.computeIfAbsent(dimension, k -> new ArrayList<>()).addAll(values);
            return this;
        }

        /** Keeps the rows whose numeric {@code dimension} is in {@code [min, max]}; a null end is open. */
        public Builder whereBetween(String dimension, Number min, Number max) {
            Objects.requireNonNull(dimension, "dimension");
            if (min == null && max == null) throw new QueryException("filter " + Dataset.shorten(dimension) + ": no bound given");
            between.put(dimension, new Range(min, max));
            return this;
        }

        /** Groups by these dimensions (at most {@value #MAX_GROUP_BY}; none gives one total row). */
        public Builder groupBy(String... dimensions) {
            return groupBy(Arrays.asList(dimensions));
        }

        public Builder groupBy(Collection<String> dimensions) {
            groupBy.clear();
            for (String d : dimensions) {
                Objects.requireNonNull(d, "group by: a dimension is null");
                if (!groupBy.add(d)) throw new QueryException("group by: '" + Dataset.shorten(d) + "' is named twice");
            }
            if (groupBy.size() > MAX_GROUP_BY) {
                throw new QueryException("group by: at most " + MAX_GROUP_BY + " dimensions, got " + groupBy.size());
            }
            return this;
        }

        /** The metrics and derived metrics to compute, in order. */
        public Builder metrics(String... names) {
            return metrics(Arrays.asList(names));
        }

        public Builder metrics(Collection<String> names) {
            metrics.clear();
            for (String m : names) {
                Objects.requireNonNull(m, "metrics: a name is null");
                if (!metrics.add(m)) throw new QueryException("metrics: '" + Dataset.shorten(m) + "' is named twice");
            }
            return this;
        }

        public Query build() {
            if (metrics.isEmpty()) throw new QueryException("metrics: name at least one metric or derived metric");
            return new Query(this);
        }
    }
}
