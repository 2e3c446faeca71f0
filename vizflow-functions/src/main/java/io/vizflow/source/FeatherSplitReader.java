package io.vizflow.source;

import io.vizflow.BadInputException;
import org.apache.arrow.memory.BufferAllocator;
import org.apache.flink.connector.base.source.reader.RecordsWithSplitIds;
import org.apache.flink.connector.base.source.reader.splitreader.SplitReader;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsAddition;
import org.apache.flink.connector.base.source.reader.splitreader.SplitsChange;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the splits assigned to one source reader, in Flink's fetcher thread: each fetch reads and
 * decompresses the requested columns of the next record batch and hands them on in slices of up
 * to {@code rowsPerSlice} rows, which the task thread turns into rows
 * ({@link FeatherSourceReader}) while this thread loads the next batch. Keeps the file open
 * across splits of the same file.
 */
final class FeatherSplitReader implements SplitReader<BatchSlice, FeatherSplit> {
    /** Rows per slice: the rows a task thread converts and then emits, kept in its processor's cache. */
    static final int DEFAULT_ROWS_PER_SLICE = 2048;

    private final List<InputColumn> columns;
    private final BufferAllocator allocator;
    private final int rowsPerSlice;
    private final ArrayDeque<FeatherSplit> queue = new ArrayDeque<>();
    private final List<FeatherBatchReader> retired = new ArrayList<>(); // other files, their batches maybe still out

    private FeatherBatchReader reader;
    private String readerPath;
    private FeatherSplit current;
    private int batch;
    private long batchFirstRowId;
    private int rowInBatch; // where a restored split resumes within its first batch

    FeatherSplitReader(List<InputColumn> columns, BufferAllocator allocator, int rowsPerSlice) {
        this.columns = columns;
        this.allocator = allocator;
        this.rowsPerSlice = rowsPerSlice;
    }

    @Override
    public RecordsWithSplitIds<BatchSlice> fetch() throws IOException {
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
            LoadedBatch loaded = reader.load(batch, batchFirstRowId);
            int from = rowInBatch;
            batch++;
            batchFirstRowId += loaded.rows();
            rowInBatch = 0;
            if (from >= loaded.rows()) {
                loaded.close(); // an empty batch
                continue;
            }
            BatchSlice[] slices = FeatherRecords.slices(loaded, from, rowsPerSlice);
            String id = current.splitId();
            boolean done = batch >= current.endBatch();
            if (done) {
                current = null;
            }
            return new FeatherRecords(id, slices, done);
        }
    }

    private RecordsWithSplitIds<BatchSlice> finishSplit() {
        String id = current.splitId();
        current = null;
        return FeatherRecords.finished(id);
    }

    /** Opens the split's file (unless open already) and skips the rows a restored split has done. */
    private void begin(FeatherSplit split) throws IOException {
        if (reader == null || !split.path().equals(readerPath)) {
            if (reader != null) retired.add(reader);
            reader = new FeatherBatchReader(Path.of(split.path()), columns, allocator);
            readerPath = split.path();
        }
        if (split.endBatch() > reader.file().batchCount()) {
            throw new BadInputException(split.path() + ": the file has " + reader.file().batchCount()
                    + " record batches, fewer than when the job started (was it rewritten?)");
        }
        batch = split.firstBatch();
        batchFirstRowId = split.firstRowId();
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
        // the task thread is done emitting: batches it did not close (a failed or cancelled job) are freed here
        for (FeatherBatchReader r : retired) r.close();
        retired.clear();
        if (reader != null) {
            FeatherBatchReader r = reader;
            reader = null;
            readerPath = null;
            r.close();
        }
    }
}
