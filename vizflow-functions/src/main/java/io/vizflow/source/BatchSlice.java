package io.vizflow.source;

import io.vizflow.row.ColumnBatch;

/**
 * What the fetcher hands the task thread: rows {@code [from, from + n)} of a loaded batch. The
 * slice that ends a batch's rows closes the batch once they are converted.
 */
record BatchSlice(LoadedBatch batch, int from, int n, boolean last) {
    /**
     * Converts the slice's rows into {@code into} (made and reused by the caller); the batch's last
     * slice then closes the batch, also when converting fails.
     */
    void convert(ColumnBatch into) {
        try {
            batch.convert(from, n, into);
        } finally {
            if (last) batch.close();
        }
    }
}
