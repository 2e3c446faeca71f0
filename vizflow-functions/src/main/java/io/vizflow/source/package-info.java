/**
 * Input: a bounded Flink source of {@link io.vizflow.row.VizRow}s read from Feather v2 (Arrow
 * IPC file format) files, as pyarrow writes them (LZ4 by default, ZSTD, uncompressed; dictionary
 * strings; many record batches).
 *
 * <p>{@link io.vizflow.source.FeatherSource} is the source, configured with the file and the
 * {@link io.vizflow.source.InputColumn}s to read; {@link io.vizflow.source.FeatherFile} reads a
 * file's metadata (schema, record batches, row counts) without its data. Everything else here
 * is internal: the split enumerator and readers, the column converters, and a fast LZ4 frame
 * codec for Arrow ({@code Lz4FrameCodec}), since Arrow Java's own is about 30 times slower than
 * the rest of a read.
 */
package io.vizflow.source;
