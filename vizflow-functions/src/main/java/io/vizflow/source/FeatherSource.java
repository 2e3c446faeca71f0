package io.vizflow.source;

import io.vizflow.BadInputException;
import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnBatchTypeInfo;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;
import io.vizflow.row.VizRowTypeInfo;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.connector.source.Boundedness;
import org.apache.flink.api.connector.source.Source;
import org.apache.flink.api.connector.source.SourceReader;
import org.apache.flink.api.connector.source.SourceReaderContext;
import org.apache.flink.api.connector.source.SplitEnumerator;
import org.apache.flink.api.connector.source.SplitEnumeratorContext;
import org.apache.flink.api.java.typeutils.ResultTypeQueryable;
import org.apache.flink.connector.base.source.reader.RecordEmitter;
import org.apache.flink.core.io.SimpleVersionedSerializer;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * A bounded Flink source of the rows of one Feather v2 (Arrow IPC file) file.
 *
 * <p>The rows have the given columns, in the given order, then {@value #ROW_ID} (LONG): the
 * 0-based position of the row in the file. The file is cut into splits of consecutive record
 * batches (about {@link #DEFAULT_ROWS_PER_SPLIT} rows each) that parallel readers pull one at a
 * time. Only the requested columns are read and decompressed; memory stays at a few batches.
 * LZ4 (pyarrow's default), ZSTD and uncompressed files are read.
 *
 * <p>The path is read with {@code java.nio} on the JobManager (to plan the splits) and on every
 * TaskManager that runs a reader, so it must be a local or shared-filesystem path visible to all.
 *
 * <p>Bad input fails the job with a {@link BadInputException} naming the file, the column and
 * the row: a missing or non-Arrow file, a missing column, a column of the wrong type, a null in a
 * required column, corrupt data.
 */
public final class FeatherSource
        implements Source<VizRow, FeatherSplit, FeatherEnumeratorState>, ResultTypeQueryable<VizRow> {
    private static final long serialVersionUID = 1L;

    /** The name of the row-id column, the last column of the rows. */
    public static final String ROW_ID = "row_id";
    public static final long DEFAULT_ROWS_PER_SPLIT = 1 << 20;

    private final String path;
    private final List<InputColumn> columns;
    private final long rowsPerSplit;
    private final RowSchema schema;

    public FeatherSource(String path, List<InputColumn> columns) {
        this(path, columns, DEFAULT_ROWS_PER_SPLIT);
    }

    private FeatherSource(String path, List<InputColumn> columns, long rowsPerSplit) {
        this.path = Objects.requireNonNull(path, "path");
        this.columns = List.copyOf(columns);
        if (rowsPerSplit < 1) {
            throw new IllegalArgumentException("rowsPerSplit must be positive: " + rowsPerSplit);
        }
        this.rowsPerSplit = rowsPerSplit;
        this.schema = schemaOf(this.columns);
    }

    /** The rows' schema for these columns: as given, then {@value #ROW_ID}; fails on a reserved or repeated name. */
    static RowSchema schemaOf(List<InputColumn> columns) {
        RowSchema s = RowSchema.empty();
        for (InputColumn c : columns) {
            if (c.name().equals(ROW_ID)) {
                throw new BadInputException("column name '" + ROW_ID + "' is reserved for the row id (file column '"
                        + c.fileColumn() + "')");
            }
            if (s.contains(c.name())) {
                throw new BadInputException("column '" + c.name() + "' is defined twice");
            }
            s = s.with(c.name(), c.type());
        }
        return s.with(ROW_ID, ColumnType.LONG);
    }

    /** This source with splits of about {@code rows} rows (whole record batches; default 1M). */
    public FeatherSource withRowsPerSplit(long rows) {
        return new FeatherSource(path, columns, rows);
    }

    /** The rows' schema: the columns in the given order, named and typed as given, then {@value #ROW_ID}. */
    public RowSchema schema() {
        return schema;
    }

    public String path() {
        return path;
    }

    public List<InputColumn> columns() {
        return columns;
    }

    @Override
    public TypeInformation<VizRow> getProducedType() {
        return new VizRowTypeInfo(schema);
    }

    @Override
    public Boundedness getBoundedness() {
        return Boundedness.BOUNDED;
    }

    /** Opens the file's metadata, checks the columns, and plans the splits (runs on the JobManager). */
    @Override
    public SplitEnumerator<FeatherSplit, FeatherEnumeratorState> createEnumerator(
            SplitEnumeratorContext<FeatherSplit> context) {
        return new FeatherSplitEnumerator(context, planSplits());
    }

    List<FeatherSplit> planSplits() {
        FeatherFile file = FeatherFile.open(Path.of(path));
        for (int i = 0; i < columns.size(); i++) {
            InputColumn c = columns.get(i);
            ColumnConverter.create(file.name(), c, i, file.field(c.fileColumn()), id -> null);
        }
        return FeatherSplitEnumerator.plan(path, file.batchRowCounts(), rowsPerSplit);
    }

    @Override
    public SplitEnumerator<FeatherSplit, FeatherEnumeratorState> restoreEnumerator(
            SplitEnumeratorContext<FeatherSplit> context, FeatherEnumeratorState state) {
        return new FeatherSplitEnumerator(context, state.pending());
    }

    @Override
    public SimpleVersionedSerializer<FeatherSplit> getSplitSerializer() {
        return FeatherSplitSerializer.INSTANCE;
    }

    @Override
    public SimpleVersionedSerializer<FeatherEnumeratorState> getEnumeratorCheckpointSerializer() {
        return FeatherEnumeratorStateSerializer.INSTANCE;
    }

    @Override
    public SourceReader<VizRow, FeatherSplit> createReader(SourceReaderContext context) {
        return reader(context, new FeatherSourceReader.Rows(schema, FeatherSplitReader.DEFAULT_ROWS_PER_SLICE));
    }

    private <T> SourceReader<T, FeatherSplit> reader(
            SourceReaderContext context, RecordEmitter<BatchSlice, T, FeatherSourceReader.SplitState> emitter) {
        List<InputColumn> cols = columns;
        return new FeatherSourceReader<>(context, () -> new FeatherSplitReader(
                cols, FeatherBatchReader.SharedAllocator.get(), FeatherSplitReader.DEFAULT_ROWS_PER_SLICE), emitter);
    }

    /**
     * The same rows in {@link ColumnBatch}es of up to a few thousand consecutive rows, column by
     * column, as the file holds them: for steps that work on whole columns ({@code parse_time},
     * grouping by symbol), one record per batch instead of one per row.
     */
    public Source<ColumnBatch, FeatherSplit, FeatherEnumeratorState> inColumnBatches() {
        return new Batches(this);
    }

    /** {@link #inColumnBatches()}: the splits, enumerator and checkpoints are the row source's. */
    private static final class Batches
            implements Source<ColumnBatch, FeatherSplit, FeatherEnumeratorState>, ResultTypeQueryable<ColumnBatch> {
        private static final long serialVersionUID = 1L;
        private final FeatherSource rows;

        Batches(FeatherSource rows) {
            this.rows = rows;
        }

        @Override
        public TypeInformation<ColumnBatch> getProducedType() {
            return new ColumnBatchTypeInfo(rows.schema);
        }

        @Override
        public Boundedness getBoundedness() {
            return rows.getBoundedness();
        }

        @Override
        public SplitEnumerator<FeatherSplit, FeatherEnumeratorState> createEnumerator(
                SplitEnumeratorContext<FeatherSplit> context) {
            return rows.createEnumerator(context);
        }

        @Override
        public SplitEnumerator<FeatherSplit, FeatherEnumeratorState> restoreEnumerator(
                SplitEnumeratorContext<FeatherSplit> context, FeatherEnumeratorState state) {
            return rows.restoreEnumerator(context, state);
        }

        @Override
        public SimpleVersionedSerializer<FeatherSplit> getSplitSerializer() {
            return rows.getSplitSerializer();
        }

        @Override
        public SimpleVersionedSerializer<FeatherEnumeratorState> getEnumeratorCheckpointSerializer() {
            return rows.getEnumeratorCheckpointSerializer();
        }

        @Override
        public SourceReader<ColumnBatch, FeatherSplit> createReader(SourceReaderContext context) {
            return rows.reader(context,
                    new FeatherSourceReader.Batches(rows.schema, FeatherSplitReader.DEFAULT_ROWS_PER_SLICE));
        }

        @Override
        public String toString() {
            return rows + " in column batches";
        }
    }

    @Override
    public String toString() {
        return "FeatherSource(" + path + ", " + schema + ")";
    }
}
