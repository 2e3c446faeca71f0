package io.vizflow.aggregate;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.streaming.api.operators.AbstractStreamOperator;
import org.apache.flink.streaming.api.operators.BoundedOneInput;
import org.apache.flink.streaming.api.operators.OneInputStreamOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;

import java.util.List;
import java.util.function.Consumer;

/**
 * The first of aggregate's two steps, in the operator that produces the rows: one partial row per
 * group ({@link PartialMetric}) instead of every row, so the Table API aggregates thousands of
 * partials instead of tens of millions of rows. Holds at most {@value #MAX_GROUPS} groups; past
 * that it hands its partials on and starts again (still exact: partials merge). Takes rows, or
 * {@link ColumnBatch}es ({@link OnBatches}: the metrics as loops over a batch's columns).
 */
final class PreAggregate extends AbstractStreamOperator<VizRow>
        implements OneInputStreamOperator<VizRow, VizRow>, BoundedOneInput {
    private static final long serialVersionUID = 1L;
    static final int MAX_GROUPS = 1 << 20;

    private final PartialGroups groups;

    private transient Consumer<VizRow> emit;

    PreAggregate(RowSchema input, List<String> groupBy, List<PartialMetric> metrics) {
        this(input, groupBy, metrics, MAX_GROUPS);
    }

    PreAggregate(RowSchema input, List<String> groupBy, List<PartialMetric> metrics, int maxGroups) {
        this.groups = new PartialGroups(input, groupBy, metrics, maxGroups);
    }

    /** The partial rows' columns: the group-by columns as they are, then {@code p0, p1, ...}. */
    static RowSchema outputSchema(RowSchema input, List<String> groupBy, List<PartialMetric> metrics) {
        RowSchema out = RowSchema.empty();
        for (String g : groupBy) out = out.with(g, input.type(g));
        for (int k = 0; k < metrics.size(); k++) out = out.with(partialColumn(k), metrics.get(k).type);
        return out;
    }

    static String partialColumn(int k) {
        return "vizflow_partial_" + k;
    }

    @Override
    public void open() throws Exception {
        super.open();
        groups.open();
        StreamRecord<VizRow> record = new StreamRecord<>(null);
        emit = row -> output.collect(record.replace(row));
    }

    @Override
    public void processElement(StreamRecord<VizRow> element) {
        groups.add(element.getValue(), emit);
    }

    @Override
    public void endInput() {
        groups.flush(emit);
    }

    /** {@link PreAggregate} of the rows of {@link ColumnBatch}es. */
    static final class OnBatches extends AbstractStreamOperator<VizRow>
            implements OneInputStreamOperator<ColumnBatch, VizRow>, BoundedOneInput {
        private static final long serialVersionUID = 1L;
        private final PartialGroups groups;

        private transient Consumer<VizRow> emit;
        private transient int[] scratch; // each row's group's partials, where they start

        OnBatches(RowSchema input, List<String> groupBy, List<PartialMetric> metrics) {
            this(input, groupBy, metrics, MAX_GROUPS);
        }

        OnBatches(RowSchema input, List<String> groupBy, List<PartialMetric> metrics, int maxGroups) {
            this.groups = new PartialGroups(input, groupBy, metrics, maxGroups);
        }

        @Override
        public void open() throws Exception {
            super.open();
            groups.open();
            StreamRecord<VizRow> record = new StreamRecord<>(null);
            emit = row -> output.collect(record.replace(row));
            scratch = new int[64];
        }

        @Override
        public void processElement(StreamRecord<ColumnBatch> element) {
            ColumnBatch batch = element.getValue();
            if (scratch.length < batch.size()) scratch = new int[batch.size()];
            groups.add(batch, scratch, emit);
        }

        @Override
        public void endInput() {
            groups.flush(emit);
        }
    }
}
