package io.vizflow.source;

import io.vizflow.row.VizRow;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;

import java.util.Set;

/** One fetch: a slice of rows of one split, and whether that split is finished with it. */
final class FeatherRecords implements RecordsWithSplitIds<VizRow> {
    private static final VizRow[] NO_ROWS = new VizRow[0];

    private String splitId;
    private final VizRow[] rows;
    private int next;
    private final Set<String> finished;

    FeatherRecords(String splitId, VizRow[] rows, boolean splitFinished) {
        this.splitId = rows.length > 0 ? splitId : null;
        this.rows = rows;
        this.finished = splitFinished ? Set.of(splitId) : Set.of();
    }

    static FeatherRecords finished(String splitId) {
        return new FeatherRecords(splitId, NO_ROWS, true);
    }

    static FeatherRecords empty() {
        return new FeatherRecords(null, NO_ROWS, false);
    }

    @Override
    public String nextSplit() {
        String id = splitId;
        splitId = null;
        return id;
    }

    @Override
    public VizRow nextRecordFromSplit() {
        if (next < rows.length) {
            VizRow r = rows[next];
            rows[next++] = null; // emitted rows belong downstream
            return r;
        }
        return null;
    }

    @Override
    public Set<String> finishedSplits() {
        return finished;
    }
}
