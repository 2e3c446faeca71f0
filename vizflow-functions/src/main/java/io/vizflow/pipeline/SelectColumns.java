package io.vizflow.pipeline;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.functions.MapFunction;

import java.util.List;

/**
 * {@code select}: keeps some columns of each row, in the order named ({@link DailyPipeline#select}).
 * Rows are copied into one reused row; {@link OnBatches} shares the kept columns' arrays instead.
 */
final class SelectColumns implements MapFunction<VizRow, VizRow> {
    private static final long serialVersionUID = 1L;

    private final int[] columns;
    private final boolean[] isString;
    private transient VizRow out;

    SelectColumns(RowSchema input, List<String> columns) {
        this.columns = input.indexesOf(columns);
        this.isString = new boolean[this.columns.length];
        for (int c = 0; c < isString.length; c++) isString[c] = input.type(this.columns[c]) == ColumnType.STRING;
    }

    @Override
    public VizRow map(VizRow row) {
        if (out == null) out = VizRow.withHeadroom(columns.length);
        for (int c = 0; c < columns.length; c++) {
            int f = columns[c];
            if (row.isNull(f)) {
                out.setNull(c);
            } else if (isString[c]) {
                out.setString(c, row.getString(f));
            } else {
                out.setLong(c, row.getLong(f));
            }
        }
        return out;
    }

    /** The same over column batches: the kept columns' arrays shared, nothing copied. */
    static final class OnBatches implements MapFunction<ColumnBatch, ColumnBatch> {
        private static final long serialVersionUID = 1L;

        private final RowSchema output;
        private final int[] columns;
        private transient ColumnBatch out;

        OnBatches(RowSchema input, List<String> columns) {
            this.output = input.select(columns);
            this.columns = input.indexesOf(columns);
        }

        @Override
        public ColumnBatch map(ColumnBatch batch) {
            if (out == null) out = new ColumnBatch(output, 1);
            return out.shareColumnsOf(batch, columns);
        }
    }
}
