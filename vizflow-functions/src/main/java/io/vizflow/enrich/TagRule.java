package io.vizflow.enrich;

import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

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

    /** Sets the rule's columns on one input row of the current symbol. */
    void apply(VizRow row) throws Exception;

    /** The symbol's rows are done: drops the rule's state for it. */
    default void clear() {}
}
