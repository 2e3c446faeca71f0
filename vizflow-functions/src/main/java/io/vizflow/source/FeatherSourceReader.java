package io.vizflow.source;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The task-side reader: a fetcher thread runs a {@link FeatherSplitReader} (reading and
 * decompressing record batches), the task thread turns their slices into {@link ColumnBatch}es
 * and emits them ({@link Batches}) or their rows ({@link Rows}). Asks the enumerator for a split at
 * start and after each finished one.
 *
 * <p>The batch (and the row) are the task thread's own and reused, slice after slice: made and
 * read by the same thread, they are still in its processor's cache when the next steps (chained,
 * with object reuse) read them, and nothing is allocated per input row. A step that keeps one
 * must copy it, as Flink's object reuse asks; without object reuse Flink copies it.
 */
final class FeatherSourceReader<T> extends SingleThreadMultiplexSourceReaderBase<
        BatchSlice, T, FeatherSplit, FeatherSourceReader.SplitState> {

    FeatherSourceReader(SourceReaderContext context, Supplier<SplitReader<BatchSlice, FeatherSplit>> splitReaders,
                        RecordEmitter<BatchSlice, T, SplitState> emitter) {
        super(splitReaders, emitter, oneQueuedBatch(context.getConfiguration()), context);
    }

    /**
     * A fetch is a whole record batch: with one queued, a reader holds at most three loaded (one
     * being emitted, one queued, one the fetcher waits to queue), however large the file's batches.
     */
    private static Configuration oneQueuedBatch(Configuration given) {
        Configuration c = new Configuration(given);
        c.set(SourceReaderOptions.ELEMENT_QUEUE_CAPACITY, 1);
        return c;
    }

    @Override
    public void start() {
        // a reader restored with splits asks for more when it finishes them
        if (getNumberOfCurrentlyAssignedSplits() == 0) {
            context.sendSplitRequest();
        }
    }

    @Override
    protected void onSplitFinished(Map<String, SplitState> finishedSplits) {
        context.sendSplitRequest();
    }

    @Override
    protected SplitState initializedState(FeatherSplit split) {
        return new SplitState(split);
    }

    @Override
    protected FeatherSplit toSplitType(String splitId, SplitState state) {
        return state.split.withRowsDone(state.split.rowsDone() + state.emitted);
    }

    /** A split being read, with the rows emitted from it since it was assigned. */
    static final class SplitState {
        final FeatherSplit split;
        long emitted;

        SplitState(FeatherSplit split) {
            this.split = split;
        }
    }

    /** Converts a slice into the reused batch and emits it; the batch's last slice closes the record batch. */
    static final class Batches implements RecordEmitter<BatchSlice, ColumnBatch, SplitState> {
        private final ColumnBatch batch;

        Batches(RowSchema schema, int rowsPerSlice) {
            batch = new ColumnBatch(schema, rowsPerSlice);
        }

        @Override
        public void emitRecord(BatchSlice slice, SourceOutput<ColumnBatch> output, SplitState state) {
            slice.convert(batch);
            output.collect(batch);
            state.emitted += slice.n();
        }
    }

    /** Converts a slice into the reused batch and emits its rows, one reused row after another. */
    static final class Rows implements RecordEmitter<BatchSlice, VizRow, SplitState> {
        private final ColumnBatch batch;
        private final VizRow row;

        Rows(RowSchema schema, int rowsPerSlice) {
            batch = new ColumnBatch(schema, rowsPerSlice);
            row = VizRow.withHeadroom(schema.size());
        }

        @Override
        public void emitRecord(BatchSlice slice, SourceOutput<VizRow> output, SplitState state) {
            slice.convert(batch);
            for (int i = 0, n = batch.size(); i < n; i++) {
                output.collect(batch.row(i, row));
            }
            state.emitted += slice.n();
        }
    }
}
