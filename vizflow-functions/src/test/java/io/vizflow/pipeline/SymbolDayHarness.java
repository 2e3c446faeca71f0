package io.vizflow.pipeline;

import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagRule;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlock;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowSerializer;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SymbolDayFunction} in Flink's keyed operator harness, fed as BATCH execution feeds it:
 * blocks of a symbol's rows stamped with their first {@code row_id}, then a final watermark that
 * ends every symbol.
 */
final class SymbolDayHarness implements AutoCloseable {
    final RowSchema input;
    final RowSchema output;
    final KeyedOneInputStreamOperatorTestHarness<Object, RowBlock, VizRow> harness;
    private final int rowId;

    @SuppressWarnings("unchecked")
    SymbolDayHarness(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander)
            throws Exception {
        this(input, forwardReturns, tags, expander, null);
    }

    @SuppressWarnings("unchecked")
    SymbolDayHarness(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander,
                     org.apache.flink.runtime.state.StateBackend backend) throws Exception {
        this(input, forwardReturns, tags, expander, backend, false);
    }

    /** With {@code timeOrdered}, the function takes the rows as known to be in time order (streamed). */
    SymbolDayHarness(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander,
                     org.apache.flink.runtime.state.StateBackend backend, boolean timeOrdered) throws Exception {
        this.input = input;
        SymbolDayFunction<Object> fn = new SymbolDayFunction<>(input, forwardReturns, tags, expander).timeOrdered(timeOrdered);
        this.output = fn.outputSchema();
        SymbolKey<Object> key = (SymbolKey<Object>) SymbolKey.of(input, "ukey");
        this.harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), key.ofBlocks(input), key.type());
        this.rowId = input.indexOf("row_id", ColumnType.LONG);
        if (backend != null) harness.setStateBackend(backend);
        harness.setup(new VizRowSerializer(output));
        harness.open();
    }

    static SymbolDayHarness fifo(RowExpander fifo) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, null, List.of(), fifo);
    }

    static SymbolDayHarness fifo(List<TagRule> tags, RowExpander fifo) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, null, tags, fifo);
    }

    static SymbolDayHarness forwardReturns(ForwardReturns forwardReturns) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, forwardReturns, List.of(), null);
    }

    static SymbolDayHarness forwardReturnsInTimeOrder(ForwardReturns forwardReturns) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, forwardReturns, List.of(), null, null, true);
    }

    static SymbolDayHarness fifoInTimeOrder(List<TagRule> tags, RowExpander fifo) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, null, tags, fifo, null, true);
    }

    static SymbolDayHarness tags(List<TagRule> tags) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, null, tags, null);
    }

    /** Feeds rows, each in a block of its own, in the order given. */
    SymbolDayHarness feed(VizRow... rows) throws Exception {
        for (VizRow r : rows) {
            harness.processElement(RowBlock.of(input, r), r.getLong(rowId));
        }
        return this;
    }

    /** Feeds one block of one symbol's rows. */
    SymbolDayHarness feedBlock(VizRow... rows) throws Exception {
        harness.processElement(RowBlock.of(input, rows), rows[0].getLong(rowId));
        return this;
    }

    SymbolDayHarness feed(List<VizRow> rows) throws Exception {
        return feed(rows.toArray(new VizRow[0]));
    }

    /** The end of the input: BATCH execution fires every symbol's end-of-day timer. */
    SymbolDayHarness endOfDay() throws Exception {
        harness.processWatermark(Long.MAX_VALUE);
        return this;
    }

    List<VizRow> output() {
        return new ArrayList<>(harness.extractOutputValues());
    }

    int column(String name) {
        return output.indexOf(name);
    }

    int numKeyedStateEntries() {
        return harness.numKeyedStateEntries();
    }

    int numEventTimeTimers() {
        return harness.numEventTimeTimers();
    }

    long emittedRows() {
        return accumulator(SymbolDayFunction.OUTPUT_ROWS);
    }

    long sortedSymbols() {
        return accumulator(SymbolDayFunction.SORTED_SYMBOLS);
    }

    private long accumulator(String name) {
        Accumulator<?, ?> acc = harness.getEnvironment().getAccumulatorRegistry().getUserMap().get(name);
        return (Long) acc.getLocalValue();
    }

    @Override
    public void close() throws Exception {
        harness.close();
    }
}
