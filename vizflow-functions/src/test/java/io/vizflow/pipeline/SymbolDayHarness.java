package io.vizflow.pipeline;

import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagRule;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnBatchSerializer;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlock;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.accumulators.Accumulator;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;

import java.util.ArrayList;
import java.util.List;

/**
 * A {@link SymbolDayFunction} in Flink's keyed operator harness, fed as BATCH execution feeds it:
 * blocks of a symbol's rows, each stamped with its smallest order key ({@link RowBlock#orderKey}
 * of {@code (elapsed_seconds, row_id)}, as {@link SymbolBlocks} stamps them), delivered sorted by
 * it ({@link #deliver()}), then a final watermark that ends every symbol.
 */
final class SymbolDayHarness implements AutoCloseable {
    final RowSchema input;
    final RowSchema output;
    final KeyedOneInputStreamOperatorTestHarness<Object, RowBlock, ColumnBatch> harness;
    private final int rowId;
    private final int elapsed;
    private final List<RowBlock> queued = new ArrayList<>();

    @SuppressWarnings("unchecked")
    SymbolDayHarness(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander)
            throws Exception {
        this(input, forwardReturns, tags, expander, null);
    }

    @SuppressWarnings("unchecked")
    SymbolDayHarness(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander,
                     org.apache.flink.runtime.state.StateBackend backend) throws Exception {
        this.input = input;
        SymbolDayFunction<Object> fn = new SymbolDayFunction<>(input, forwardReturns, tags, expander);
        this.output = fn.outputSchema();
        SymbolKey<Object> key = (SymbolKey<Object>) SymbolKey.of(input, "ukey");
        this.harness = new KeyedOneInputStreamOperatorTestHarness<>(new KeyedProcessOperator<>(fn), key.ofBlocks(input), key.type());
        this.rowId = input.indexOf("row_id", ColumnType.LONG);
        this.elapsed = input.indexOf("elapsed_seconds", ColumnType.LONG);
        if (backend != null) harness.setStateBackend(backend);
        harness.setup(new ColumnBatchSerializer(output));
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

    static SymbolDayHarness tags(List<TagRule> tags) throws Exception {
        return new SymbolDayHarness(Trades.SCHEMA, null, tags, null);
    }

    /** Feeds rows, each in a block of its own, to be delivered at the next {@link #deliver()}. */
    SymbolDayHarness feed(VizRow... rows) {
        for (VizRow r : rows) {
            queued.add(RowBlock.of(input, elapsed, rowId, r));
        }
        return this;
    }

    /** Feeds one block of one symbol's rows (in the order given, as a file's stretch has them). */
    SymbolDayHarness feedBlock(VizRow... rows) {
        queued.add(RowBlock.of(input, elapsed, rowId, rows));
        return this;
    }

    /**
     * Feeds rows as {@link SymbolBlocks} makes blocks of a file's rows: stretches of consecutive
     * rows (of 1 to {@code maxStretch} rows, lengths from {@code random}), one block per symbol each.
     */
    SymbolDayHarness feedInStretches(List<VizRow> rows, java.util.Random random, int maxStretch) {
        int ukey = input.indexOf("ukey");
        for (int from = 0; from < rows.size(); ) {
            int to = Math.min(rows.size(), from + 1 + random.nextInt(maxStretch));
            java.util.Map<Object, List<VizRow>> bySymbol = new java.util.LinkedHashMap<>();
            for (VizRow r : rows.subList(from, to)) {
                Object symbol = input.type(ukey) == ColumnType.STRING ? r.getString(ukey) : (Object) r.getLong(ukey);
                bySymbol.computeIfAbsent(symbol, k -> new ArrayList<>()).add(r);
            }
            for (List<VizRow> block : bySymbol.values()) feedBlock(block.toArray(new VizRow[0]));
            from = to;
        }
        return this;
    }

    /** Delivers the blocks fed so far as BATCH execution would: sorted by their smallest order key. */
    SymbolDayHarness deliver() throws Exception {
        queued.sort(java.util.Comparator.comparingLong(RowBlock::minOrderKey));
        for (RowBlock b : queued) {
            harness.processElement(b, b.minOrderKey());
        }
        queued.clear();
        return this;
    }

    /** Delivers one block at once, whatever came before it (as BATCH execution never would). */
    SymbolDayHarness deliverNow(VizRow... rows) throws Exception {
        RowBlock b = RowBlock.of(input, elapsed, rowId, rows);
        harness.processElement(b, b.minOrderKey());
        return this;
    }

    SymbolDayHarness feed(List<VizRow> rows) {
        return feed(rows.toArray(new VizRow[0]));
    }

    /** The end of the input: BATCH execution fires every symbol's end-of-day timer. */
    SymbolDayHarness endOfDay() throws Exception {
        deliver();
        harness.processWatermark(Long.MAX_VALUE);
        return this;
    }

    /** The rows handed on so far, out of the batches they came in. */
    List<VizRow> output() {
        List<VizRow> rows = new ArrayList<>();
        for (ColumnBatch b : harness.extractOutputValues()) {
            for (int r = 0; r < b.size(); r++) rows.add(b.row(r, new VizRow(output.size())));
        }
        return rows;
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

    long sortedRuns() {
        return accumulator(SymbolDayFunction.SORTED_RUNS);
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
