package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;

import org.apache.flink.api.common.functions.RuntimeContext;

import java.io.Serializable;
import java.util.List;

/**
 * A column-adding enrichment rule (CONTRACT section 3): it runs on every input row of a symbol, in
 * {@code (elapsed_seconds, row_id)} order, and sets its own columns on that row. The values are
 * copied onto every piece a {@link RowExpander} later makes of the row.
 *
 * <p>Rules keep per-symbol state in Flink keyed state declared in {@link #open}; the state starts
 * fresh for each symbol and date and is cleared by {@link #clear} at the end of the symbol.
 */
public interface TagRule extends Serializable {

    /**
     * Binds the rule to the columns of its input and returns that schema with the rule's own
     * columns appended. Fails with an {@link IllegalArgumentException} naming an unknown column.
     */
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
     * Sets the rule's columns on every row of a batch of the current symbol's input rows, which
     * come in order, batch after batch: the batch holds the columns of the schema the rule was
     * bound to, and later ones (of the steps after it) that the rule leaves alone.
     */
    void apply(ColumnBatch rows) throws Exception;

    /** The symbol's rows are done: drops the rule's state for it. */
    default void clear() {}
}
