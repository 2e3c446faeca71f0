package io.vizflow.enrich;

import io.vizflow.row.VizRow;

/** A compiled boolean expression over a row (see {@link RowExpression}). */
public interface RowPredicate {
    boolean test(VizRow row);
}
