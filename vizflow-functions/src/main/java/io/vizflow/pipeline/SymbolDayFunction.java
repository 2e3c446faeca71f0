package io.vizflow.pipeline;

import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagRule;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.List;

/**
 * The keyed per-symbol stage: one symbol's day, in {@code (elapsed_seconds, row_id)} order (the
 * stream's record timestamps, which BATCH execution sorts by within each key), runs through
 * {@link ForwardReturns}, the {@link TagRule}s and a {@link RowExpander} such as FIFO matching.
 *
 * <p>These steps are fused into one operator, as Polars fuses a lazy plan: each is a separate,
 * reusable class with its own keyed state, but the rows are shuffled and sorted by symbol once.
 * A piece inherits its source row's forward returns, which is exactly CONTRACT section 4's value,
 * since {@code P(s, T)} is defined over input rows and a piece has its source row's time and price.
 *
 * <p>End of symbol: BATCH execution fires every timer of a key when the key's input ends, so a
 * timer at {@code Long.MAX_VALUE} flushes the held-back rows and the open lots.
 */
public final class SymbolDayFunction<K> extends KeyedProcessFunction<K, VizRow, VizRow> {
    private static final long serialVersionUID = 1L;

    /** Accumulator counting the rows this stage emits. */
    public static final String OUTPUT_ROWS = "vizflow.enriched-rows";

    private final ForwardReturns forwardReturns;
    private final TagRule[] tags;
    private final RowExpander expander;
    private final int width;

    private boolean checkTimeOrder;
    private transient long lastElapsed;
    private transient int elapsedIndex;

    private transient ValueState<Boolean> symbolOpen;
    private transient LongCounter emitted;
    private transient Collector<VizRow> out;
    private transient Collector<VizRow> countedOut;

    /** Binds the steps to {@code input}; {@link #outputSchema()} tells what comes out. */
    SymbolDayFunction(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander) {
        this.forwardReturns = forwardReturns;
        this.tags = tags.toArray(new TagRule[0]);
        this.expander = expander;
        RowSchema s = input;
        if (forwardReturns != null) s = forwardReturns.bind(s);
        for (TagRule t : tags) s = t.bind(s);
        if (expander != null) s = expander.bind(s);
        this.outputSchema = s;
        this.width = s.size();
    }

    private final RowSchema outputSchema;

    RowSchema outputSchema() {
        return outputSchema;
    }

    /**
     * With row-order timestamps (a file scanned as time-ordered) each symbol's rows must come in
     * non-decreasing {@code elapsed_seconds}; this checks it on every row, so a file that changed
     * after its scan fails instead of giving wrong results.
     */
    SymbolDayFunction<K> checkingTimeOrder(boolean check) {
        this.checkTimeOrder = check;
        return this;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        elapsedIndex = outputSchema.indexOf("elapsed_seconds");
        symbolOpen = getRuntimeContext().getState(new ValueStateDescriptor<>("symbol-open", Types.BOOLEAN));
        if (forwardReturns != null) forwardReturns.open(getRuntimeContext());
        for (TagRule t : tags) t.open(getRuntimeContext());
        if (expander != null) expander.open(getRuntimeContext());
        countedOut = new Collector<>() {
            @Override
            public void collect(VizRow r) {
                emitted.add(1);
                out.collect(r);
            }

            @Override
            public void close() {}
        };
        emitted = new LongCounter();
        getRuntimeContext().addAccumulator(OUTPUT_ROWS, emitted);
    }

    @Override
    public void processElement(VizRow row, Context ctx, Collector<VizRow> collector) throws Exception {
        if (symbolOpen.value() == null) {
            symbolOpen.update(Boolean.TRUE);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            lastElapsed = Long.MIN_VALUE;
        }
        if (checkTimeOrder) {
            long e = row.getLong(elapsedIndex);
            if (e < lastElapsed) {
                throw new IllegalStateException("symbol " + ctx.getCurrentKey() + ": rows are not in time order"
                        + " (elapsed_seconds " + e + " after " + lastElapsed + "); was the file changed while it was read?");
            }
            lastElapsed = e;
        }
        out = collector;
        row.ensureWidth(width);
        if (forwardReturns != null) {
            forwardReturns.add(row, this::enrich);
        } else {
            enrich(row);
        }
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VizRow> collector) throws Exception {
        out = collector;
        if (forwardReturns != null) {
            forwardReturns.flush(this::enrich);
        }
        if (expander != null) {
            expander.finish(countedOut);
        }
        for (TagRule t : tags) t.clear();
        symbolOpen.clear();
    }

    /** The tags of one input row, then its pieces. */
    private void enrich(VizRow row) {
        try {
            for (TagRule t : tags) {
                t.apply(row);
            }
            if (expander != null) {
                expander.apply(row, countedOut);
            } else {
                countedOut.collect(row);
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
