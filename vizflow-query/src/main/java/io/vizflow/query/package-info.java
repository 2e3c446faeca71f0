/**
 * Exploration queries over a consolidated dataset (what {@code vizflow consolidate} writes): the
 * API the UI and Java users call.
 *
 * <ul>
 *   <li>{@link io.vizflow.query.QueryService}: opens a dataset folder and answers queries (DuckDB
 *       over its Parquet files, in process; thread-safe; follows new versions of the dataset).</li>
 *   <li>{@link io.vizflow.query.Dataset}: what the dataset holds, from its manifest: dimensions
 *       (with bin widths), metrics (with merge rules), derived metrics, dates.</li>
 *   <li>{@link io.vizflow.query.Query}: dates (all, a range, a list), filters, 0-2 group-by
 *       dimensions, metrics and derived metrics.</li>
 *   <li>{@link io.vizflow.query.QueryResult}: columns and rows, bins with their real values, CSV and
 *       text.</li>
 * </ul>
 *
 * No SQL is built from a user's text: values are bound parameters, names are looked up in the
 * dataset's schema. Errors are {@link io.vizflow.query.QueryException}s whose message says what is
 * wrong and what there is.
 */
package io.vizflow.query;
