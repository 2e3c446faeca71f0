package io.vizflow.source;

import io.vizflow.row.ColumnBatch;
import org.apache.arrow.vector.FieldVector;
import org.apache.arrow.vector.VectorSchemaRoot;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The requested columns of one record batch, read and decompressed by the fetcher thread, then
 * turned into rows by the task thread, which closes it once its last rows are out. The fetcher
 * can load the next batches meanwhile: each batch has vectors of its own. Closing frees the
 * batch's Arrow memory; it may come from either thread, and only the first close counts.
 */
final class LoadedBatch implements AutoCloseable {
    private final FeatherBatchReader reader;
    private final VectorSchemaRoot[] roots; // one per distinct file column read
    private final int batch;
    private final long firstRowId;
    private final int rows;
    private final AtomicBoolean closed = new AtomicBoolean();

    LoadedBatch(FeatherBatchReader reader, VectorSchemaRoot[] roots, int batch, long firstRowId, int rows) {
        this.reader = reader;
        this.roots = roots;
        this.batch = batch;
        this.firstRowId = firstRowId;
        this.rows = rows;
    }

    int batch() {
        return batch;
    }

    long firstRowId() {
        return firstRowId;
    }

    int rows() {
        return rows;
    }

    FieldVector vector(int root) {
        return roots[root].getVector(0);
    }

    /**
     * Converts batch rows {@code [from, from + n)} into {@code into} (made and reused by the
     * caller), which then holds those {@code n} rows: every column read (a value or null), and the
     * row id.
     */
    void convert(int from, int n, ColumnBatch into) {
        if (closed.get() || from < 0 || from + n > rows) {
            throw new IllegalStateException("rows " + from + "+" + n + " of record batch " + batch + " not loaded");
        }
        reader.convert(this, from, n, into);
    }

    boolean isClosed() {
        return closed.get();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            for (VectorSchemaRoot r : roots) r.close();
            reader.closed(this);
        }
    }
}
