package io.vizflow.pipeline;

import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagRule;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.BlockReader;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowBlock;
import io.vizflow.row.RowBlockTypeInfo;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.accumulators.LongCounter;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ListState;
import org.apache.flink.api.common.state.ListStateDescriptor;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.PrimitiveArrayTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The keyed per-symbol stage: one symbol's day, as {@link RowBlock}s, is put in
 * {@code (elapsed_seconds, row_id)} order and runs through {@link ForwardReturns}, the
 * {@link TagRule}s and a {@link RowExpander} such as FIFO matching.
 *
 * <p>These steps are fused into one operator, as Polars fuses a lazy plan: each is a separate,
 * reusable class with its own keyed state, but the rows are shuffled and sorted by symbol once.
 * A piece inherits its source row's forward returns, which is exactly CONTRACT section 4's value,
 * since {@code P(s, T)} is defined over input rows and a piece has its source row's time and price.
 *
 * <p>Order: BATCH execution delivers a symbol's blocks sorted by their timestamps (first
 * {@code row_id}, see {@link SymbolBlocks}), so in a file written in time order the symbol's rows
 * already come in {@code (elapsed_seconds, row_id)} order, and they are decoded and processed one
 * block after the other; otherwise they are all decoded and sorted here (one symbol-day, the
 * contract's bound, CONTRACT section 3). The blocks wait, encoded, in keyed state until the symbol
 * ends, which is when the order is known. End of symbol: BATCH execution fires every timer of a
 * key when the key's input ends, so a timer at {@code Long.MAX_VALUE} runs the day.
 */
public final class SymbolDayFunction<K> extends KeyedProcessFunction<K, RowBlock, VizRow> {
    private static final long serialVersionUID = 1L;

    /** Accumulator counting the rows this stage emits. */
    public static final String OUTPUT_ROWS = "vizflow.enriched-rows";
    /** Accumulator counting the symbols whose rows were not in time order in the file. */
    public static final String SORTED_SYMBOLS = "vizflow.symbols-sorted";

    private final ForwardReturns forwardReturns;
    private final TagRule[] tags;
    private final RowExpander expander;
    private final RowSchema inputSchema;
    private final RowSchema outputSchema;
    private final int width;

    private transient int elapsedIndex;
    private transient int rowIdIndex;
    private transient BlockReader reader;

    private boolean timeOrdered;

    private transient ListState<RowBlock> blocks;
    private transient ValueState<ForwardReturns.Day> openDay;
    private transient ValueState<long[]> lastRow;
    private transient ValueState<Boolean> symbolOpen;
    private transient LongCounter emitted;
    private transient LongCounter sorted;
    private transient Collector<VizRow> out;
    private transient Collector<VizRow> countedOut;

    /** Binds the steps to {@code input}; {@link #outputSchema()} tells what comes out. */
    SymbolDayFunction(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander) {
        this.forwardReturns = forwardReturns;
        this.tags = tags.toArray(new TagRule[0]);
        this.expander = expander;
        this.inputSchema = input;
        RowSchema s = input;
        if (forwardReturns != null) s = forwardReturns.bind(s);
        for (TagRule t : tags) s = t.bind(s);
        if (expander != null) s = expander.bind(s);
        this.outputSchema = s;
        this.width = s.size();
    }

    RowSchema outputSchema() {
        return outputSchema;
    }

    /**
     * The rows are known to come in {@code (elapsed_seconds, row_id)} order (a scan of a file in
     * time order, {@link io.vizflow.source.TimeOrder}): each symbol's rows are processed as their
     * blocks arrive, holding one forward-return window instead of the symbol's blocks. Each row is
     * still checked, so a file that changed after its scan fails instead of giving wrong results.
     */
    SymbolDayFunction<K> timeOrdered(boolean ordered) {
        this.timeOrdered = ordered;
        return this;
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        elapsedIndex = inputSchema.indexOf("elapsed_seconds", ColumnType.LONG);
        rowIdIndex = inputSchema.indexOf("row_id", ColumnType.LONG);
        reader = new BlockReader(inputSchema);
        blocks = getRuntimeContext().getListState(new ListStateDescriptor<>("symbol-rows", new RowBlockTypeInfo(inputSchema)));
        symbolOpen = getRuntimeContext().getState(new ValueStateDescriptor<>("symbol-open", Types.BOOLEAN));
        openDay = getRuntimeContext().getState(new ValueStateDescriptor<>("forward-return-window",
                TypeInformation.of(ForwardReturns.Day.class)));
        lastRow = getRuntimeContext().getState(new ValueStateDescriptor<>("last-row", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
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
        sorted = new LongCounter();
        getRuntimeContext().addAccumulator(SORTED_SYMBOLS, sorted);
    }

    @Override
    public void processElement(RowBlock block, Context ctx, Collector<VizRow> collector) throws Exception {
        if (symbolOpen.value() == null) {
            symbolOpen.update(Boolean.TRUE);
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
        }
        if (!timeOrdered) {
            blocks.add(block);
            return;
        }
        out = collector;
        ForwardReturns.Day day = openDay.value();
        if (day == null && forwardReturns != null) {
            day = forwardReturns.day(this::enrich);
            openDay.update(day);
        }
        long[] last = lastRow.value();
        if (last == null) last = new long[] {Long.MIN_VALUE, Long.MIN_VALUE};
        for (VizRow row : reader.read(block, width)) {
            long e = row.getLong(elapsedIndex);
            long id = row.getLong(rowIdIndex);
            if (e < last[0] || (e == last[0] && id < last[1])) {
                throw new IllegalStateException("symbol " + ctx.getCurrentKey() + ": rows are not in time order (row "
                        + id + ", elapsed_seconds " + e + " after " + last[0] + "); was the file changed while it was read?");
            }
            last[0] = e;
            last[1] = id;
            process(row, day);
        }
        lastRow.update(last);
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<VizRow> collector) throws Exception {
        out = collector;
        ForwardReturns.Day day;
        if (timeOrdered) {
            day = openDay.value();
            openDay.clear();
            lastRow.clear();
        } else {
            day = forwardReturns != null ? forwardReturns.day(this::enrich) : null;
            runBuffered(day);
        }
        if (day != null) {
            day.finish();
        }
        if (expander != null) {
            expander.finish(countedOut);
        }
        for (TagRule t : tags) t.clear();
        symbolOpen.clear();
    }

    /** The symbol's blocks, held until its end: in order, one after the other; else all, sorted. */
    private void runBuffered(ForwardReturns.Day day) throws Exception {
        Iterable<RowBlock> received = blocks.get();
        if (reader.inOrder(received, elapsedIndex, rowIdIndex)) {
            for (RowBlock b : received) {
                for (VizRow row : reader.read(b, width)) {
                    process(row, day);
                }
            }
        } else {
            sorted.add(1);
            for (VizRow row : sortedDay(received)) {
                process(row, day);
            }
        }
        blocks.clear();
    }

    /** A row read at the output width ({@link BlockReader#read(RowBlock, int)}): no copy to widen it. */
    private void process(VizRow row, ForwardReturns.Day day) {
        if (day != null) {
            day.add(row);
        } else {
            enrich(row);
        }
    }

    /** A symbol whose rows are not in time order in the file: all of them, sorted (one symbol-day). */
    private VizRow[] sortedDay(Iterable<RowBlock> received) {
        int n = 0;
        for (RowBlock b : received) n += b.size();
        VizRow[] day = new VizRow[n];
        int at = 0;
        for (RowBlock b : received) {
            reader.read(b, day, at, width);
            at += b.size();
        }
        int e = elapsedIndex;
        int id = rowIdIndex;
        Arrays.sort(day, Comparator.<VizRow>comparingLong(r -> r.getLong(e)).thenComparingLong(r -> r.getLong(id)));
        return day;
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
