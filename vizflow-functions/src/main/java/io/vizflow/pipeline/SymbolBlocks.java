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
import java.util.List;

/**
 * Groups the rows coming out of the source, in {@link ColumnBatch}es, into {@link RowBlock}s, one
 * per symbol per stretch of up to {@value #ROWS_PER_STRETCH} consecutive rows of the file, so that
 * the keyed shuffle and sort move tens of thousands of blocks instead of tens of millions of rows.
 * Each row is encoded into its symbol's block straight from the batch's columns
 * ({@link BlockWriter}), while they are still in the processor's cache.
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

    private final RowSchema schema;
    private final SymbolKey<K> key;
    private final int rowId;
    private final int time;
    private final int rowsPerStretch;

    private transient SymbolWriters writers;
    private transient List<BlockWriter> used;
    private transient StreamRecord<RowBlock> record;
    private transient int buffered;
    private transient long nextRowId;

    SymbolBlocks(RowSchema schema, SymbolKey<K> key, int timeIndex, int rowIdIndex) {
        this(schema, key, timeIndex, rowIdIndex, ROWS_PER_STRETCH);
    }

    SymbolBlocks(RowSchema schema, SymbolKey<K> key, int timeIndex, int rowIdIndex, int rowsPerStretch) {
        this.schema = schema;
        this.key = key;
        this.time = timeIndex;
        this.rowId = rowIdIndex;
        this.rowsPerStretch = rowsPerStretch;
    }

    @Override
    public void open() throws Exception {
        super.open();
        writers = new SymbolWriters(schema);
        used = new ArrayList<>();
        record = new StreamRecord<>(null);
        nextRowId = -1;
    }

    @Override
    public void processElement(StreamRecord<ColumnBatch> element) throws Exception {
        ColumnBatch batch = element.getValue();
        key.requirePresent(batch);
        long[] ids = batch.longs(rowId);
        long[] times = batch.longs(time);
        for (int r = 0, n = batch.size(); r < n; r++) {
            long id = ids[r];
            if (buffered >= rowsPerStretch || (buffered > 0 && id != nextRowId)) {
                flush();
            }
            nextRowId = id + 1;
            BlockWriter w = key.writerOf(writers, batch, r);
            if (w.rows() == 0) used.add(w);
            w.append(batch, r, times[r], id);
            buffered++;
        }
    }

    @Override
    public void endInput() {
        flush();
    }

    private void flush() {
        for (BlockWriter w : used) {
            RowBlock block = w.finish();
            output.collect(record.replace(block, block.minOrderKey()));
        }
        used.clear();
        buffered = 0;
    }
}
