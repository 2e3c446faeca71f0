package io.vizflow.row;

import static io.vizflow.row.VizRowSerializerTest.WIDE;
import static io.vizflow.row.VizRowSerializerTest.row;

import org.apache.flink.api.common.typeutils.SerializerTestBase;
import org.apache.flink.api.common.typeutils.TypeSerializer;

/**
 * Flink's own serializer checks ({@link SerializerTestBase}) for column batches: rows wider than
 * one word of null bits, nulls in some rows of a column, an empty batch.
 */
class ColumnBatchSerializerTest extends SerializerTestBase<ColumnBatch> {

    @Override
    protected TypeSerializer<ColumnBatch> createSerializer() {
        return new ColumnBatchSerializer(WIDE);
    }

    @Override
    protected int getLength() {
        return -1;
    }

    @Override
    protected Class<ColumnBatch> getTypeClass() {
        return ColumnBatch.class;
    }

    @Override
    protected ColumnBatch[] getTestData() {
        return new ColumnBatch[] {
            ColumnBatch.of(WIDE),
            ColumnBatch.of(WIDE, row(WIDE, 1, i -> false)),
            ColumnBatch.of(WIDE, row(WIDE, 2, i -> true), row(WIDE, 3, i -> i % 5 == 0)),
            ColumnBatch.of(WIDE, row(WIDE, -4, i -> i == 63 || i == 64 || i == 69),
                    row(WIDE, Long.MAX_VALUE / 2_000, i -> i < 64), row(WIDE, 3, i -> false)),
        };
    }
}
