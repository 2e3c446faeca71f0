package io.vizflow.pipeline;

import io.vizflow.row.BlockWriter;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowBlock;
import io.vizflow.row.RowSchema;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Groups the rows coming out of the source, in {@link ColumnBatch}es, into {@link RowBlock}s, one
 * per symbol per stretch of up to {@value #ROWS_PER_STRETCH} consecutive rows of the file, so that
 * the keyed shuffle and sort move tens of thousands of blocks instead of tens of millions of rows.
 *
 * <p>Rows are taken in chunks of up to {@value #ROWS_PER_CHUNK} (fewer for wide rows, so that a
 * chunk's values stay within {@value #CHUNK_BYTES} bytes: {@link #rowsPerChunk}): a chunk's rows
 * are copied together, ordered by symbol (a stable counting sort), and then each symbol's rows of
 * the chunk are appended to its block a column at a time ({@link BlockWriter}): a loop per column
 * over tens of rows, where rows of thousands of symbols come interleaved and were each encoded on
 * their own, a step per value, into a writer fetched anew for each row.
 *
 * <p>A block's record timestamp is the smallest {@link RowBlock#orderKey} of its rows'
 * {@code (elapsed_seconds, row_id)}; BATCH execution sorts each symbol's blocks by it, which lets
 * {@link SymbolDayFunction} hand a symbol's rows on in time order as they come, holding only blocks
 * whose rows overlap in time. A stretch ends early where {@code row_id}s stop being consecutive (the
 * reader moved on to a split further on), so a block never spans a gap another reader's block could
 * fall into.
 */
final class SymbolBlocks<K> extends AbstractStreamOperator<RowBlock>
        implements OneInputStreamOperator<ColumnBatch, RowBlock>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final int ROWS_PER_STRETCH = 1 << 20; // a split's rows: a few hundred rows per block at thousands of symbols
    static final int ROWS_PER_CHUNK = 1 << 16; // tens of rows per symbol at thousands of symbols
    static final int CHUNK_BYTES = 1 << 22; // a copy of a chunk's columns (it is held twice), 8 bytes a value

    private final RowSchema schema;
    private final SymbolKey<K> key;
    private final int rowId;
    private final int time;
    private final int rowsPerStretch;
    private final int rowsPerChunk;

    private transient SymbolWriters writers;
    private transient List<BlockWriter> used;
    private transient StreamRecord<RowBlock> record;
    private transient ColumnBatch chunk;  // the rows taken since the last encoding, as they came
    private transient ColumnBatch bySymbol; // the same rows, ordered by symbol
    private transient int[] symbols;       // each row of the chunk's symbol number
    private transient int[] order;         // the chunk's rows ordered by symbol
    private transient int[] starts;        // where each symbol's rows start in that order (then end)
    private transient int buffered;
    private transient long nextRowId;

    SymbolBlocks(RowSchema schema, SymbolKey<K> key, int timeIndex, int rowIdIndex) {
        this(schema, key, timeIndex, rowIdIndex, ROWS_PER_STRETCH, rowsPerChunk(schema.size()));
    }

    /**
     * The rows of a chunk of {@code columns} columns: {@value #ROWS_PER_CHUNK}, fewer where their
     * values would take more than {@value #CHUNK_BYTES} bytes (post-trade's 9 shuffled columns:
     * 58,254 rows), at least 1,024.
     */
    static int rowsPerChunk(int columns) {
        return Math.max(1024, Math.min(ROWS_PER_CHUNK, CHUNK_BYTES / (8 * Math.max(1, columns))));
    }

    SymbolBlocks(RowSchema schema, SymbolKey<K> key, int timeIndex, int rowIdIndex, int rowsPerStretch, int rowsPerChunk) {
        this.schema = schema;
        this.key = key;
        this.time = timeIndex;
        this.rowId = rowIdIndex;
        this.rowsPerStretch = rowsPerStretch;
        this.rowsPerChunk = rowsPerChunk;
    }

    @Override
    public void open() throws Exception {
        super.open();
        writers = new SymbolWriters(schema);
        used = new ArrayList<>();
        record = new StreamRecord<>(null);
        chunk = new ColumnBatch(schema, rowsPerChunk);
        bySymbol = new ColumnBatch(schema, rowsPerChunk);
        symbols = new int[rowsPerChunk];
        order = new int[rowsPerChunk];
        starts = new int[64];
        nextRowId = -1;
    }

    @Override
    public void processElement(StreamRecord<ColumnBatch> element) throws Exception {
        ColumnBatch batch = element.getValue();
        key.requirePresent(batch);
        long[] ids = batch.longs(rowId);
        for (int r = 0, n = batch.size(); r < n; ) {
            if (buffered >= rowsPerStretch || (buffered > 0 && ids[r] != nextRowId)) {
                flush();
            }
            // the rows from r on with consecutive ids, as many as the chunk and the stretch take
            int room = Math.min(rowsPerChunk - chunk.size(), rowsPerStretch - buffered);
            int end = r + 1;
            while (end < n && end - r < room && ids[end] == ids[end - 1] + 1) end++;
            chunk.addRows(batch, r, end);
            buffered += end - r;
            nextRowId = ids[end - 1] + 1;
            if (chunk.size() == rowsPerChunk) encode();
            r = end;
        }
    }

    @Override
    public void endInput() {
        flush();
    }

    /** Encodes the chunk's rows into their symbols' blocks, symbol after symbol, and empties it. */
    private void encode() {
        int n = chunk.size();
        if (n == 0) return;
        key.idsOf(writers, chunk, symbols);
        int count = writers.size();
        if (starts.length < count + 1) starts = new int[Math.max(count + 1, starts.length * 2)];
        Arrays.fill(starts, 0, count + 1, 0);
        for (int r = 0; r < n; r++) starts[symbols[r] + 1]++;
        for (int s = 0; s < count; s++) starts[s + 1] += starts[s];
        for (int r = 0; r < n; r++) order[starts[symbols[r]]++] = r; // each start is now its symbol's end
        bySymbol.reset(0);
        bySymbol.addRows(chunk, order, n);
        chunk.reset(0);
        long[] ids = bySymbol.longs(rowId);
        long[] times = bySymbol.longs(time);
        for (int i = 0; i < n; ) {
            int symbol = symbols[order[i]];
            BlockWriter w = writers.writer(symbol);
            if (w.rows() == 0) used.add(w);
            w.append(bySymbol, i, starts[symbol], times, ids);
            i = starts[symbol];
        }
    }

    private void flush() {
        encode();
        for (BlockWriter w : used) {
            RowBlock block = w.finish();
            output.collect(record.replace(block, block.minOrderKey()));
        }
        used.clear();
        buffered = 0;
    }
}
