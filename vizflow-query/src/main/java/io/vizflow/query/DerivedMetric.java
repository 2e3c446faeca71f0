package io.vizflow.query;

/**
 * A derived metric: an expression over merged metrics, computed at query time (always REAL; null
 * where undefined, e.g. a division by zero).
 *
 * @param name       its name
 * @param expression e.g. {@code sum_return_60 / n_return_60}
 */
public record DerivedMetric(String name, String expression) {}
