package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.util.Collector;

import java.io.Serializable;
import java.util.List;

/**
 * A row-expanding enrichment rule such as {@link FifoMatch}: each input row of a symbol becomes
 * zero or more output rows ("pieces"), each carrying all columns of its source row plus the rule's
 * columns. It runs after the {@link TagRule}s of the same row.
 */
public interface RowExpander extends Serializable {

    /** Binds to the input columns and returns the schema with the rule's columns appended. */
    RowSchema bind(RowSchema input);

    /**
     * The input columns the rule reads, once bound; null if it does not say (then every column
     * stays on the rows it sees). The columns nothing after the per-symbol steps reads, and no
     * rule, are then not carried to them ({@link io.vizflow.pipeline.DailyPipeline#select}).
     */
    default List<String> columnsRead() {
        return null;
    }

    /** Declares the rule's keyed state. */
    default void open(RuntimeContext context) throws Exception {}

    /**
     * Adds the pieces of the rows of a batch (all of the rule's input columns, in its bound
     * schema's order; the batch may be wider), row after row, each row's in order. The batch is the
     * caller's to reuse once this returns: a rule that keeps an input row keeps a copy.
     */
    void apply(ColumnBatch rows, Pieces out) throws Exception;

    /** End of the symbol's day: emits what is still pending and drops the state. */
    void finish(Collector<VizRow> out) throws Exception;
}
