package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;

/** A compiled boolean expression (see {@link RowExpression}). */
public interface RowPredicate {
    /**
     * Sets boolean column {@code out} of every row of {@code rows} to the expression's value
     * there, or null where a column it reads is null.
     */
    void testAll(ColumnBatch rows, int out);
}
