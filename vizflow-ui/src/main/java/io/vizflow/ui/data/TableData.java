package io.vizflow.ui.data;

import io.vizflow.query.QueryResult;

/**
 * The query result as a table.
 *
 * @param result   the query layer's result (columns, rows, CSV)
 * @param coverage the dates and rows behind it
 */
public record TableData(QueryResult result, Coverage coverage) {}
