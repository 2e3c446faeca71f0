package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.VizRow;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.List;

/**
 * Reads the splits assigned to one source reader, in Flink's fetcher thread: each fetch decodes
 * up to {@code rowsPerFetch} rows of the current record batch into new rows, which the task
 * thread then emits. Keeps the file open across splits of the same file.
 */
final class FeatherSplitReader implements SplitReader<VizRow, FeatherSplit> {
    static final int DEFAULT_ROWS_PER_FETCH = 8192;

    private final List<InputColumn> columns;
    private final BufferAllocator allocator;
    private final int rowsPerFetch;
    private final ArrayDeque<FeatherSplit> queue = new ArrayDeque<>();

    private FeatherBatchReader reader;
    private String readerPath;
    private FeatherSplit current;
    private int batch;
    private long batchFirstRowId;
    private int batchRows = -1; // -1: the batch is not loaded
    private int rowInBatch;

    FeatherSplitReader(List<InputColumn> columns, BufferAllocator allocator, int rowsPerFetch) {
        this.columns = columns;
        this.allocator = allocator;
        this.rowsPerFetch = rowsPerFetch;
    }

    @Override
    public RecordsWithSplitIds<VizRow> fetch() throws IOException {
        while (true) {
            if (current == null) {
                current = queue.poll();
                if (current == null) {
                    return FeatherRecords.empty();
                }
                begin(current);
            }
            if (batch >= current.endBatch()) {
                return finishSplit();
            }
            if (batchRows < 0) {
                batchRows = reader.load(batch, batchFirstRowId);
            }
            int n = Math.min(rowsPerFetch, batchRows - rowInBatch);
            if (n <= 0) {
                nextBatch();
                continue;
            }
            VizRow[] rows = reader.convert(rowInBatch, n);
            rowInBatch += n;
            if (rowInBatch >= batchRows) {
                nextBatch();
            }
            String id = current.splitId();
            if (batch >= current.endBatch()) {
                current = null;
                return new FeatherRecords(id, rows, true);
            }
            return new FeatherRecords(id, rows, false);
        }
    }

    private RecordsWithSplitIds<VizRow> finishSplit() {
        String id = current.splitId();
        current = null;
        return FeatherRecords.finished(id);
    }

    private void nextBatch() {
        reader.release();
        batchFirstRowId += batchRows;
        batch++;
        batchRows = -1;
        rowInBatch = 0;
    }

    /** Opens the split's file (unless open already) and skips the rows a restored split has done. */
    private void begin(FeatherSplit split) throws IOException {
        if (reader == null || !split.path().equals(readerPath)) {
            closeReader();
            reader = new FeatherBatchReader(Path.of(split.path()), columns, allocator);
            readerPath = split.path();
        }
        if (split.endBatch() > reader.file().batchCount()) {
            throw new BadInputException(split.path() + ": the file has " + reader.file().batchCount()
                    + " record batches, fewer than when the job started (was it rewritten?)");
        }
        batch = split.firstBatch();
        batchFirstRowId = split.firstRowId();
        batchRows = -1;
        rowInBatch = 0;
        long skip = split.rowsDone();
        while (skip > 0 && batch < split.endBatch()) {
            int len = reader.batchRows(batch);
            if (skip >= len) {
                skip -= len;
                batch++;
                batchFirstRowId += len;
            } else {
                rowInBatch = (int) skip;
                skip = 0;
            }
        }
    }

    @Override
    public void handleSplitsChanges(SplitsChange<FeatherSplit> change) {
        if (!(change instanceof SplitsAddition)) {
            throw new UnsupportedOperationException("unsupported split change " + change);
        }
        queue.addAll(change.splits());
    }

    @Override
    public void wakeUp() {
        // fetch() never blocks
    }

    @Override
    public void close() {
        closeReader();
    }

    private void closeReader() {
        if (reader != null) {
            FeatherBatchReader r = reader;
            reader = null;
            readerPath = null;
            r.close();
        }
    }
}
