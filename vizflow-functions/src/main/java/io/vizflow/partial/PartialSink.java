package io.vizflow.partial;

import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.core.fs.FSDataOutputStream;
import org.apache.flink.core.fs.FileSystem;
import org.apache.flink.formats.parquet.ParquetWriterFactory;
import org.apache.flink.formats.parquet.row.ParquetRowDataBuilder;
import org.apache.flink.api.common.serialization.BulkWriter;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.DoubleType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes a date's aggregated rows (small: one per group) as its partial and publishes it from
 * inside the job, at the end of the input: into a staging folder, then one rename into
 * {@code date=YYYYMMDD/} with {@code _SUCCESS} ({@link PartialCommit}). Because the job itself
 * publishes, a date appears however it was submitted: from the command line, by {@code flink run},
 * through Flink's REST API (a Kubernetes FlinkSessionJob) or in application mode. Run it with
 * parallelism 1; the output folder must be on a file system the TaskManager sees. A job that fails
 * before the end of its input publishes nothing.
 */
public final class PartialSink implements Sink<RowData> {
    private static final long serialVersionUID = 1L;

    private final String outputDir;
    private final LocalDate date;
    private final RowType schema;

    public PartialSink(Path outputDir, LocalDate date, RowType schema) {
        this.outputDir = outputDir.toAbsolutePath().normalize().toString();
        this.date = date;
        this.schema = schema;
    }

    /**
     * The Parquet writers of partials (and of what is made of them): Flink's {@code RowData} writer,
     * UTC timestamps. Their Hadoop configuration is empty, not Hadoop's defaults: Parquet's own
     * settings have their defaults in code, and the files go through Flink's file system, so
     * parsing Hadoop's default XML files (and serializing their hundreds of keys with the job) would
     * only cost time.
     */
    public static ParquetWriterFactory<RowData> parquetWriters(RowType schema) {
        return ParquetRowDataBuilder.createWriterFactory(schema, new org.apache.hadoop.conf.Configuration(false), true);
    }

    /**
     * Writes a one-row Parquet file into a stream that keeps nothing, as the sink's writer does: loads and initialises
     * what writing a partial needs (Parquet's writers, Hadoop's configuration, the Snappy codec), so
     * that a run can do it while it waits for its cluster to start instead of after its last row.
     *
     * @return the bytes of the Parquet file written
     */
    public static long warmUp() throws IOException {
        RowType type = RowType.of(new BigIntType(), new DoubleType(), new VarCharType(VarCharType.MAX_LENGTH));
        Discarding out = new Discarding();
        BulkWriter<RowData> writer = parquetWriters(type).create(out);
        writer.addElement(GenericRowData.of(1L, 1.0, StringData.fromString("B")));
        writer.finish();
        return out.getPos();
    }

    /** A stream that keeps nothing, for {@link #warmUp()}. */
    private static final class Discarding extends FSDataOutputStream {
        private long pos;

        @Override
        public void write(int b) {
            pos++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            pos += len;
        }

        @Override
        public long getPos() {
            return pos;
        }

        @Override
        public void flush() {}

        @Override
        public void sync() {}

        @Override
        public void close() {}
    }

    @Override
    public SinkWriter<RowData> createWriter(WriterInitContext context) throws IOException {
        return new Writer();
    }

    private final class Writer implements SinkWriter<RowData> {
        private PartialCommit commit;
        private FSDataOutputStream stream;
        private BulkWriter<RowData> parquet;
        private boolean published;

        private void open() throws IOException {
            commit = PartialCommit.begin(Path.of(outputDir), date);
            org.apache.flink.core.fs.Path file = new org.apache.flink.core.fs.Path(
                    commit.staging().resolve("rows.parquet").toUri()); // named part-NNNNN.parquet by commit()
            stream = file.getFileSystem().create(file, FileSystem.WriteMode.NO_OVERWRITE);
            parquet = parquetWriters(schema).create(stream);
        }

        @Override
        public void write(RowData row, Context context) throws IOException {
            if (parquet == null) open();
            parquet.addElement(row);
        }

        @Override
        public void flush(boolean endOfInput) throws IOException {
            if (!endOfInput || published) return;
            if (parquet == null) open();
            parquet.finish();
            stream.close();
            parquet = null;
            commit.commit(schema);
            published = true;
        }

        @Override
        public void close() throws Exception {
            if (commit != null) commit.close(); // an unpublished staging folder is removed
        }
    }
}
