package io.vizflow.pipeline;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

/**
 * Gathers a stream of rows into {@link ColumnBatch}es of up to {@value #ROWS} rows, in the order
 * they come, for the steps that work on batches ({@link SymbolBlocks}) when the rows do not come
 * from a source of batches. The batch is reused once emitted.
 */
final class RowsToBatches extends AbstractStreamOperator<ColumnBatch>
        implements OneInputStreamOperator<VizRow, ColumnBatch>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final int ROWS = 2048;

    private final RowSchema schema;
    private transient ColumnBatch batch;
    private transient StreamRecord<ColumnBatch> record;

    RowsToBatches(RowSchema schema) {
        this.schema = schema;
    }

    @Override
    public void open() throws Exception {
        super.open();
        batch = new ColumnBatch(schema, ROWS);
        record = new StreamRecord<>(batch);
    }

    @Override
    public void processElement(StreamRecord<VizRow> element) {
        batch.add(element.getValue());
        if (batch.size() == ROWS) emit();
    }

    @Override
    public void endInput() {
        if (batch.size() > 0) emit();
    }

    private void emit() {
        output.collect(record);
        batch.reset(0);
    }
}
