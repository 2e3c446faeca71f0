package io.vizflow.pipeline;

import io.vizflow.enrich.Pieces;
import io.vizflow.enrich.RowExpander;
import io.vizflow.enrich.TagRule;
import io.vizflow.returns.ForwardReturns;
import io.vizflow.row.BlockReader;
import io.vizflow.row.ColumnBatch;
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
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.InstantiationUtil;

import java.io.IOException;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * The keyed per-symbol stage: one symbol's day, as {@link RowBlock}s, is put in
 * {@code (elapsed_seconds, row_id)} order and runs through {@link ForwardReturns}, the
 * {@link TagRule}s and a {@link RowExpander} such as FIFO matching, column by column: a block is
 * decoded into the forward-return window's column arrays, the rows it settles are copied out a
 * column at a time into a batch of up to {@value #BATCH_ROWS} rows, the tags and the expander run
 * over that batch, and the columns handed on of the pieces are gathered, again a column at a time,
 * into the {@link ColumnBatch} that goes on (one call down the chain per batch, not per row), each
 * handed on before the call that made it returns. No row object is made on the way, but for the
 * pieces of lots still open at the end of a symbol's day.
 *
 * <p>These steps are fused into one operator, as Polars fuses a lazy plan: each is a separate,
 * reusable class with its own keyed state, but the rows are shuffled and sorted by symbol once.
 * A piece inherits its source row's forward returns, which is exactly CONTRACT section 4's value,
 * since {@code P(s, T)} is defined over input rows and a piece has its source row's time and price.
 *
 * <p>Order: BATCH execution delivers a symbol's blocks together, sorted by their record timestamps,
 * which {@link SymbolBlocks} sets to the smallest {@link RowBlock#orderKey} of each block's
 * {@code (elapsed_seconds, row_id)}. So when a block arrives whose smallest key is past the largest
 * key of the blocks held so far, no row still to come can go before those: they are handed on, in
 * order (sorted first if they overlap or a block was not in order itself). A file in time order
 * thus streams through, a block at a time, holding one forward-return window; a file in another
 * order (by symbol, shuffled) holds at most the rows whose times overlap, up to one symbol-day (the
 * contract's bound, CONTRACT section 3), kept encoded in keyed state. End of symbol: BATCH execution
 * fires every timer of a key when the key's input ends, so a timer at {@code Long.MAX_VALUE} hands
 * on what is held and ends the day.
 */
public final class SymbolDayFunction<K> extends KeyedProcessFunction<K, RowBlock, ColumnBatch> {
    private static final long serialVersionUID = 1L;

    /** Accumulator counting the rows this stage emits. */
    public static final String OUTPUT_ROWS = "vizflow.enriched-rows";
    /** Rows per output batch, at most: a block's rows usually make one. */
    static final int BATCH_ROWS = 1024;
    /** Accumulator counting the runs of overlapping blocks that had to be sorted before being handed on. */
    public static final String SORTED_RUNS = "vizflow.sorted-runs";

    private final ForwardReturns forwardReturns;
    private final TagRule[] tags;
    private final RowExpander expander;
    private final RowSchema inputSchema;
    private final RowSchema outputSchema;
    /** The columns of the rows the steps make: the input's, the returns', the tags', the expander's. */
    private final RowSchema schema;
    private final int width;
    /** Where the expander's own columns start. */
    private final int ownFrom;
    /** The columns handed on, of the rows the steps make; null for all of them. */
    private final int[] outputColumns;
    private final List<String> columnsRead;

    private transient int elapsedIndex;
    private transient int rowIdIndex;
    private transient BlockReader reader;
    /** Rows with their returns, then their tags, before the expander makes pieces of them. */
    private transient ColumnBatch enriched;
    private transient Runnable enrichBatch;
    private transient Pieces pieces;
    /** 0, 1, 2, ...: with no expander, each row is its own piece. */
    private transient int[] eachRow;

    private transient ListState<RowBlock> held;
    private transient ValueState<long[]> heldRun;
    private transient ValueState<ForwardReturns.Day> openDay;
    /** The last symbol's forward-return window, emptied at the end of its day, for the next symbol's. */
    private transient ForwardReturns.Day spareDay;
    private transient LongCounter emitted;
    private transient LongCounter sorted;
    private transient Collector<ColumnBatch> out;
    private transient ColumnBatch batch;
    private transient Runnable emitBatch;
    private transient Collector<VizRow> countedOut;

    /** Binds the steps to {@code input}; {@link #outputSchema()} tells what comes out. */
    SymbolDayFunction(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander) {
        this(input, forwardReturns, tags, expander, null);
    }

    /**
     * Binds copies of the steps to {@code input} (the same steps may be bound to other columns in
     * another plan); hands on the columns {@code selected} of the rows they make, in that order, or
     * all of them (null).
     */
    SymbolDayFunction(RowSchema input, ForwardReturns forwardReturns, List<TagRule> tags, RowExpander expander,
                      List<String> selected) {
        this.forwardReturns = forwardReturns == null ? null : copy(forwardReturns);
        this.tags = new TagRule[tags.size()];
        for (int i = 0; i < this.tags.length; i++) this.tags[i] = copy(tags.get(i));
        this.expander = expander == null ? null : copy(expander);
        this.inputSchema = input;
        RowSchema s = input;
        List<String> read = new ArrayList<>(List.of("elapsed_seconds", "row_id"));
        if (this.forwardReturns != null) {
            s = this.forwardReturns.bind(s);
            read.addAll(this.forwardReturns.columnsRead());
        }
        for (TagRule t : this.tags) {
            s = t.bind(s);
            read = union(read, t.columnsRead());
        }
        this.ownFrom = s.size();
        if (this.expander != null) {
            s = this.expander.bind(s);
            read = union(read, this.expander.columnsRead());
        }
        this.schema = s;
        this.width = s.size();
        this.outputSchema = selected == null ? s : s.select(selected);
        this.outputColumns = selected == null ? null : s.indexesOf(selected);
        this.columnsRead = read;
    }

    private static <T extends Serializable> T copy(T step) {
        try {
            return InstantiationUtil.clone(step);
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalArgumentException("a per-symbol step cannot be copied: " + step, e);
        }
    }

    private static List<String> union(List<String> read, List<String> more) {
        if (read == null || more == null) return null;
        read.addAll(more);
        return read;
    }

    RowSchema outputSchema() {
        return outputSchema;
    }

    /**
     * The input columns the steps read (some may be columns they add), or null if a step does not
     * say: the other input columns only ride along to the output.
     */
    List<String> columnsRead() {
        return columnsRead == null ? null : List.copyOf(new LinkedHashSet<>(columnsRead));
    }

    @Override
    public void open(OpenContext openContext) throws Exception {
        elapsedIndex = inputSchema.indexOf("elapsed_seconds", ColumnType.LONG);
        rowIdIndex = inputSchema.indexOf("row_id", ColumnType.LONG);
        reader = new BlockReader(inputSchema);
        enriched = new ColumnBatch(schema, BATCH_ROWS);
        enrichBatch = this::enrich;
        pieces = new Pieces(schema.select(schema.names().subList(ownFrom, width)), BATCH_ROWS);
        eachRow = new int[BATCH_ROWS];
        for (int i = 0; i < eachRow.length; i++) eachRow[i] = i;
        held = getRuntimeContext().getListState(new ListStateDescriptor<>("held-blocks", new RowBlockTypeInfo(inputSchema)));
        heldRun = getRuntimeContext().getState(new ValueStateDescriptor<>("held-run", PrimitiveArrayTypeInfo.LONG_PRIMITIVE_ARRAY_TYPE_INFO));
        openDay = getRuntimeContext().getState(new ValueStateDescriptor<>("forward-return-window",
                TypeInformation.of(ForwardReturns.Day.class)));
        for (TagRule t : tags) t.open(getRuntimeContext());
        if (expander != null) expander.open(getRuntimeContext());
        countedOut = new Collector<>() {
            @Override
            public void collect(VizRow r) {
                if (outputColumns == null) batch.add(r, width); else batch.add(r, outputColumns);
                if (batch.size() == batch.capacity()) emit();
            }

            @Override
            public void close() {}
        };
        batch = new ColumnBatch(outputSchema, BATCH_ROWS);
        emitBatch = this::emit;
        emitted = new LongCounter();
        getRuntimeContext().addAccumulator(OUTPUT_ROWS, emitted);
        sorted = new LongCounter();
        getRuntimeContext().addAccumulator(SORTED_RUNS, sorted);
    }

    @Override
    public void processElement(RowBlock block, Context ctx, Collector<ColumnBatch> collector) throws Exception {
        out = collector;
        // {the last block's smallest key, the held blocks' largest key, blocks held}
        long[] run = heldRun.value();
        if (run == null) {
            ctx.timerService().registerEventTimeTimer(Long.MAX_VALUE);
            run = new long[] {Long.MIN_VALUE, Long.MIN_VALUE, 0};
        } else if (block.minOrderKey() < run[0]) {
            throw new IllegalStateException("symbol " + ctx.getCurrentKey() + ": a block of rows from order key "
                    + block.minOrderKey() + " came after one from " + run[0]
                    + "; the per-symbol stage needs BATCH execution, which sorts a symbol's blocks by their record timestamps");
        }
        if (run[2] > 0 && run[1] < block.minOrderKey()) {
            handOn();
            run[2] = 0;
        }
        held.add(block);
        run[1] = run[2] == 0 ? block.maxOrderKey() : Math.max(run[1], block.maxOrderKey());
        run[0] = block.minOrderKey();
        run[2]++;
        heldRun.update(run);
        enrich();
        emit();
    }

    @Override
    public void onTimer(long timestamp, OnTimerContext ctx, Collector<ColumnBatch> collector) throws Exception {
        out = collector;
        long[] run = heldRun.value();
        if (run != null && run[2] > 0) {
            handOn();
        }
        ForwardReturns.Day day = openDay.value();
        if (day != null) {
            if (rowsAsTheyAre()) {
                day.finish(batch, outputColumns, emitBatch);
            } else {
                day.finish(enriched, null, enrichBatch);
            }
            day.empty();
            spareDay = day;
        }
        enrich();
        if (expander != null) {
            expander.finish(countedOut);
        }
        for (TagRule t : tags) t.clear();
        openDay.clear();
        heldRun.clear();
        emit();
    }

    /** Hands the rows made so far on, in one batch (reused once the steps after have read it). */
    private void emit() {
        if (batch.size() > 0) {
            emitted.add(batch.size());
            out.collect(batch);
            batch.reset(0);
        }
    }

    /**
     * Hands on the blocks held, whose rows all go before any row still to come: as they are when
     * they are one block in order or follow one another in order, else sorted.
     */
    private void handOn() throws Exception {
        ForwardReturns.Day day = openDay.value();
        if (day == null && spareDay != null) {
            day = spareDay;
            spareDay = null;
        } else if (day == null && forwardReturns != null) {
            day = forwardReturns.day();
        }
        Iterable<RowBlock> blocks = held.get();
        if (oneBlockInOrder(blocks) || reader.inOrder(blocks, elapsedIndex, rowIdIndex)) {
            for (RowBlock b : blocks) {
                if (day != null) {
                    reader.read(b, day.window()); // into the forward-return window, no row objects
                    take(day);
                } else {
                    reader.read(b, enriched); // straight into the batch of rows to enrich
                    if (enriched.size() >= BATCH_ROWS) enrich();
                }
            }
        } else {
            sorted.add(1);
            int columns = inputSchema.size();
            for (VizRow row : sortedRun(blocks)) {
                if (day != null) {
                    day.window().add(row); // copied
                    take(day);
                } else {
                    enriched.add(row, columns);
                    if (enriched.size() >= BATCH_ROWS) enrich();
                }
            }
        }
        held.clear();
        if (day != null) {
            openDay.update(day); // a serializing state backend keeps a copy
        }
    }

    /**
     * The rows the forward returns settle: straight into the output batch with no tag and no
     * expander, else into the batch of rows to enrich.
     */
    private void take(ForwardReturns.Day day) {
        if (rowsAsTheyAre()) {
            day.take(batch, outputColumns, emitBatch); // and out of it into the output batch
        } else {
            day.take(enriched, null, enrichBatch);
        }
    }

    /** Whether the rows go out as they come out of the forward returns (no tag, no expander). */
    private boolean rowsAsTheyAre() {
        return tags.length == 0 && expander == null;
    }

    /** One block whose rows its writer saw come in order: nothing to check. */
    private static boolean oneBlockInOrder(Iterable<RowBlock> blocks) {
        Iterator<RowBlock> it = blocks.iterator();
        return it.hasNext() && it.next().inOrder() && !it.hasNext();
    }

    /** Blocks whose rows overlap in time: all of their rows, sorted (at most one symbol-day). */
    private VizRow[] sortedRun(Iterable<RowBlock> received) {
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

    /**
     * The rows waiting in {@link #enriched}: each tag over all of them, then the expander's pieces
     * of them; the columns handed on of every piece are then gathered into the output batch, a
     * column at a time.
     */
    private void enrich() {
        int n = enriched.size();
        if (n == 0) return;
        try {
            for (TagRule tag : tags) {
                tag.apply(enriched);
            }
            int m = n;
            int[] sources = eachRow;
            if (expander != null) {
                pieces.clear();
                expander.apply(enriched, pieces);
                m = pieces.size();
                sources = pieces.sources();
            } else if (eachRow.length < n) {
                eachRow = new int[n];
                for (int i = 0; i < n; i++) eachRow[i] = i;
                sources = eachRow;
            }
            if (m > 0) {
                int at = batch.addRows(m);
                // the output batch's columns: later steps in the chain may have added more of their own
                for (int c = 0, w = outputColumns == null ? width : outputColumns.length; c < w; c++) {
                    int f = outputColumns == null ? c : outputColumns[c];
                    if (f < ownFrom) {
                        batch.gather(c, at, enriched, f, sources, m);
                    } else {
                        batch.copy(c, at, pieces.own(), f - ownFrom, 0, m);
                    }
                }
            }
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        enriched.reset(0);
        if (batch.size() >= BATCH_ROWS) emit();
    }
}
