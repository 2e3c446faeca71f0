package io.vizflow.source;

import io.vizflow.row.VizRow;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.connector.base.source.reader.SingleThreadMultiplexSourceReaderBase;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;

import java.util.Map;
import java.util.function.Supplier;

/**
 * The task-side reader: a fetcher thread runs a {@link FeatherSplitReader} (decoding), the task
 * thread emits its rows. Asks the enumerator for a split at start and after each finished one.
 */
final class FeatherSourceReader extends SingleThreadMultiplexSourceReaderBase<
        VizRow, VizRow, FeatherSplit, FeatherSourceReader.SplitState> {

    FeatherSourceReader(SourceReaderContext context, Supplier<SplitReader<VizRow, FeatherSplit>> splitReaders) {
        super(splitReaders, new Emitter(), context.getConfiguration(), context);
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

    private static final class Emitter implements RecordEmitter<VizRow, VizRow, SplitState> {
        @Override
        public void emitRecord(VizRow row, org.apache.flink.api.connector.source.SourceOutput<VizRow> output,
                               SplitState state) {
            output.collect(row);
            state.emitted++;
        }
    }
}
