package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;

import java.io.Serializable;
import java.util.List;

/**
 * The function behind a {@link TagRunning} column: folds a symbol's rows, this row included, into
 * an accumulator of type {@code A} (kept in Flink keyed state) and writes the running value.
 * The built-ins ({@code count}, {@code sum(col)}, {@code min(col)}, {@code max(col)},
 * {@code last(col)}) are in {@link RunningFunctions}; users implement their own.
 *
 * @param <A> the accumulator: the user-defined state class of the running column
 */
public interface RunningFunction<A> extends Serializable {

    /** Binds to the input columns; returns the type of the running column. */
    ColumnType bind(RowSchema input);

    /** The input columns the function reads, once bound; null if it does not say (see {@link TagRule#columnsRead}). */
    default List<String> columnsRead() {
        return null;
    }

    /** The accumulator's Flink type (a typed serializer, not a generic one, where possible). */
    TypeInformation<A> accumulatorType();

    /** A fresh accumulator for a new symbol-day. */
    A create();

    /** Folds one row in; may return the same (mutated) accumulator. */
    A add(A accumulator, VizRow row);

    /** Writes the running value into {@code row} at {@code column} (null if there is none yet). */
    void write(A accumulator, VizRow row, int column);

    /**
     * Folds in every row of a batch, in order, setting column {@code column} of each to the running
     * value after it; may return the same (mutated) accumulator. By default a row at a time, each
     * row's values in one reused row, through {@link #add} and {@link #write}.
     */
    default A addAll(A accumulator, ColumnBatch rows, int column) {
        VizRow row = new VizRow(rows.width());
        for (int r = 0, n = rows.size(); r < n; r++) {
            accumulator = add(accumulator, rows.row(r, row));
            write(accumulator, row, column);
            rows.set(r, row, column, column + 1);
        }
        return accumulator;
    }
}
