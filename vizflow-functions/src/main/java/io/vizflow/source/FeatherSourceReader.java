package io.vizflow.source;

import io.vizflow.row.VizRow;
import org.apache.flink.api.connector.source.SourceOutput;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SourceReaderOptions;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The task-side reader: a fetcher thread runs a {@link FeatherSplitReader} (reading and
 * decompressing record batches), the task thread turns their slices into rows and emits them.
 * Asks the enumerator for a split at start and after each finished one.
 *
 * <p>The rows are the task thread's own and reused, slice after slice: made and read by the same
 * thread, they are still in its processor's cache when the next steps (chained, with object reuse)
 * read them, and no row is allocated per input row. A step that keeps a row must copy it, as
 * Flink's object reuse asks; without object reuse Flink copies it.
 */
final class FeatherSourceReader extends SingleThreadMultiplexSourceReaderBase<
        BatchSlice, VizRow, FeatherSplit, FeatherSourceReader.SplitState> {

    FeatherSourceReader(SourceReaderContext context, Supplier<SplitReader<BatchSlice, FeatherSplit>> splitReaders,
                        int width) {
        super(splitReaders, new Emitter(width), oneQueuedBatch(context.getConfiguration()), context);
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

    /** Converts a slice into the reused rows and emits them; the batch's last slice closes the batch. */
    static final class Emitter implements RecordEmitter<BatchSlice, VizRow, SplitState> {
        private final int width;
        private VizRow[] rows = new VizRow[0];

        Emitter(int width) {
            this.width = width;
        }

        @Override
        public void emitRecord(BatchSlice slice, SourceOutput<VizRow> output, SplitState state) {
            int n = slice.n();
            if (rows.length < n) {
                VizRow[] more = Arrays.copyOf(rows, n);
                for (int i = rows.length; i < n; i++) more[i] = VizRow.withHeadroom(width);
                rows = more;
            }
            slice.convert(rows);
            for (int i = 0; i < n; i++) {
                output.collect(rows[i]);
            }
            state.emitted += n;
        }
    }
}
