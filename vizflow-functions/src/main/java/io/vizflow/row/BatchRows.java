package io.vizflow.row;

import org.apache.flink.api.common.functions.FlatMapFunction;
import org.apache.flink.util.Collector;

/** The rows of each {@link ColumnBatch}, one reused row after another, for steps that take rows. */
public final class BatchRows implements FlatMapFunction<ColumnBatch, VizRow> {
    private static final long serialVersionUID = 1L;
    private transient VizRow row;

    @Override
    public void flatMap(ColumnBatch batch, Collector<VizRow> out) {
        if (row == null) row = VizRow.withHeadroom(batch.width());
        for (int r = 0, n = batch.size(); r < n; r++) out.collect(batch.row(r, row));
    }
}
