package io.vizflow.source;

/**
 * What the fetcher hands the task thread: rows {@code [from, from + n)} of a loaded batch. The
 * slice that ends a batch's rows closes the batch once they are emitted.
 */
record BatchSlice(LoadedBatch batch, int from, int n, boolean last) {
}
