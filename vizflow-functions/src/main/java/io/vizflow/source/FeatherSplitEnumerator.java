package io.vizflow.source;

import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Hands out the splits of one file one at a time, to whichever reader asks (readers ask when
 * they start and whenever they finish a split), so fast readers take more.
 */
final class FeatherSplitEnumerator implements SplitEnumerator<FeatherSplit, FeatherEnumeratorState> {
    private final SplitEnumeratorContext<FeatherSplit> context;
    private final ArrayDeque<FeatherSplit> pending;

    FeatherSplitEnumerator(SplitEnumeratorContext<FeatherSplit> context, List<FeatherSplit> splits) {
        this.context = context;
        this.pending = new ArrayDeque<>(splits);
    }

    /** Groups consecutive record batches into splits of at least {@code rowsPerSplit} rows (the last may be smaller). */
    static List<FeatherSplit> plan(String path, long[] batchRows, long rowsPerSplit) {
        List<FeatherSplit> splits = new ArrayList<>();
        long rowId = 0;
        int first = 0;
        long rows = 0;
        for (int b = 0; b < batchRows.length; b++) {
            rows += batchRows[b];
            if (rows >= rowsPerSplit || b == batchRows.length - 1) {
                splits.add(new FeatherSplit(path, first, b + 1, rowId, rows, 0));
                rowId += rows;
                rows = 0;
                first = b + 1;
            }
        }
        return splits;
    }

    @Override
    public void start() {}

    @Override
    public void handleSplitRequest(int subtask, String requesterHostname) {
        FeatherSplit next = pending.poll();
        if (next != null) {
            context.assignSplit(next, subtask);
        } else {
            context.signalNoMoreSplits(subtask);
        }
    }

    @Override
    public void addSplitsBack(List<FeatherSplit> splits, int subtask) {
        for (int i = splits.size() - 1; i >= 0; i--) {
            pending.addFirst(splits.get(i));
        }
    }

    @Override
    public void addReader(int subtask) {
        // readers pull splits with split requests
    }

    @Override
    public FeatherEnumeratorState snapshotState(long checkpointId) {
        return new FeatherEnumeratorState(new ArrayList<>(pending));
    }

    @Override
    public void close() {}
}
