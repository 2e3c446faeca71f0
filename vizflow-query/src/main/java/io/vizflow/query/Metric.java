package io.vizflow.query;

import io.vizflow.consolidate.MergeRule;

/**
 * A metric of the dataset: per date the partial's aggregate, across dates merged by its rule.
 *
 * @param name       the column
 * @param expression the per-date Flink SQL aggregate (e.g. {@code SUM(return_60)})
 * @param merge      how dates merge: SUM (COUNT and SUM metrics), MIN or MAX
 * @param type       INTEGER or REAL
 */
public record Metric(String name, String expression, MergeRule merge, ValueType type) {}
