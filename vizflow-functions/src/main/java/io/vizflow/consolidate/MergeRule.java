package io.vizflow.consolidate;

/**
 * How the partials of a metric merge across dates, decided by its aggregate function:
 * {@code COUNT} and {@code SUM} add up, {@code MIN} and {@code MAX} keep the least and the
 * greatest. These are exact: merging the partials of N dates gives what aggregating all N days'
 * rows at once gives.
 */
public enum MergeRule {
    SUM, MIN, MAX;

    /** The SQL aggregate function that merges partial values (the same name in Flink and DuckDB). */
    public String function() {
        return name();
    }
}
