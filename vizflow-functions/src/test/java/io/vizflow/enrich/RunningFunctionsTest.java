package io.vizflow.enrich;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The built-in running functions as plain folds (their keyed state is tested in the pipeline). */
class RunningFunctionsTest {
    private static final RowSchema FILLS = RowSchema.empty()
            .with("qty", ColumnType.LONG)
            .with("price", ColumnType.DOUBLE)
            .with("flag", ColumnType.BOOLEAN)
            .with("side", ColumnType.STRING);
    private static final int OUT = FILLS.size();

    private static VizRow row(Long qty, Double price, Boolean flag) {
        VizRow r = new VizRow(OUT + 1).setString(3, "B");
        if (qty == null) r.setNull(0); else r.setLong(0, qty);
        if (price == null) r.setNull(1); else r.setDouble(1, price);
        if (flag == null) r.setNull(2); else r.setBoolean(2, flag);
        return r;
    }

    /** A symbol's day: a fill, a fill with only nulls, two more fills. */
    private static final List<VizRow> DAY = List.of(
            row(5L, 2.5, true),
            row(null, null, null),
            row(-3L, 4.0, false),
            row(10L, 1.5, null));

    /**
     * The running values over the day, row by row ({@code add}, {@code write}); checked to be the
     * same over batches ({@code addAll}: the first two rows, then the other two), and through the
     * interface's own {@code addAll} (a row at a time) as a function that does not override it.
     */
    private static <A> List<Object> running(RunningFunction<A> fn) {
        ColumnType type = fn.bind(FILLS);
        A acc = fn.create();
        List<Object> values = new ArrayList<>();
        for (VizRow r : DAY) {
            VizRow row = r.copy();
            acc = fn.add(acc, row);
            fn.write(acc, row, OUT);
            values.add(row.get(OUT, type));
        }
        assertEquals(values, overBatches(fn, type), "over batches");
        assertEquals(values, overBatches(rowByRow(fn), type), "over batches, a row at a time");
        return values;
    }

    private static <A> List<Object> overBatches(RunningFunction<A> fn, ColumnType type) {
        RowSchema out = FILLS.with("running", type);
        A acc = fn.create();
        List<Object> values = new ArrayList<>();
        for (List<VizRow> part : List.of(DAY.subList(0, 2), DAY.subList(2, 4))) {
            ColumnBatch batch = ColumnBatch.of(out, part.toArray(new VizRow[0]));
            acc = fn.addAll(acc, batch, OUT);
            for (int r = 0; r < batch.size(); r++) values.add(batch.row(r, new VizRow(out.size())).get(OUT, type));
        }
        return values;
    }

    /** {@code fn} with the interface's own {@code addAll}. */
    private static <A> RunningFunction<A> rowByRow(RunningFunction<A> fn) {
        return new RunningFunction<>() {
            @Override public ColumnType bind(RowSchema input) { return fn.bind(input); }
            @Override public TypeInformation<A> accumulatorType() { return fn.accumulatorType(); }
            @Override public A create() { return fn.create(); }
            @Override public A add(A accumulator, VizRow row) { return fn.add(accumulator, row); }
            @Override public void write(A accumulator, VizRow row, int column) { fn.write(accumulator, row, column); }
        };
    }

    @Test
    void shouldCountFromOne() {
        assertEquals(List.of(1L, 2L, 3L, 4L), running(RunningFunctions.count()));
        assertEquals(List.of(1L, 2L, 3L, 4L), running(RunningFunctions.parse("count")));
    }

    @Test
    void shouldSumSkippingNulls() {
        assertEquals(List.of(5L, 5L, 2L, 12L), running(RunningFunctions.sum("qty")));
        assertEquals(List.of(2.5, 2.5, 6.5, 8.0), running(RunningFunctions.sum("price")));
    }

    @Test
    void shouldTrackMinimaAndMaximaSkippingNulls() {
        assertEquals(List.of(5L, 5L, -3L, -3L), running(RunningFunctions.min("qty")));
        assertEquals(List.of(2.5, 2.5, 4.0, 4.0), running(RunningFunctions.max("price")));
        assertEquals(List.of(2.5, 2.5, 2.5, 1.5), running(RunningFunctions.min("price")));
    }

    @Test
    void shouldKeepTheLastNonNullValue() {
        assertEquals(List.of(5L, 5L, -3L, 10L), running(RunningFunctions.last("qty")));
        assertEquals(List.of(true, true, false, false), running(RunningFunctions.last("flag")));
    }

    @Test
    void shouldHaveNoValueUntilTheFirstNonNull() {
        RunningFunction<long[]> sum = RunningFunctions.sum("qty");
        sum.bind(FILLS);
        VizRow empty = row(null, null, null);
        long[] acc = sum.add(sum.create(), empty);
        sum.write(acc, empty, OUT);
        assertTrue(empty.isNull(OUT));
    }

    @Test
    void shouldParseTheConfigSpellings() {
        assertEquals(running(RunningFunctions.sum("qty")), running(RunningFunctions.parse("sum(qty)")));
        assertEquals(running(RunningFunctions.max("price")), running(RunningFunctions.parse(" MAX( price ) ")));
        assertEquals(Arrays.asList(5L, 5L, -3L, 10L), running(RunningFunctions.parse("last(qty)")));
    }

    @Test
    void shouldRefuseUnknownFunctionsAndMissingColumns() {
        IllegalArgumentException avg = assertThrows(IllegalArgumentException.class, () -> RunningFunctions.parse("avg(qty)"));
        assertTrue(avg.getMessage().contains("'avg(qty)'"), avg.getMessage());
        IllegalArgumentException bare = assertThrows(IllegalArgumentException.class, () -> RunningFunctions.parse("sum"));
        assertTrue(bare.getMessage().contains("sum"), bare.getMessage());
    }

    @Test
    void shouldRefuseTextColumnsAndBooleanSums() {
        assertThrows(IllegalArgumentException.class, () -> RunningFunctions.sum("side").bind(FILLS));
        assertThrows(IllegalArgumentException.class, () -> RunningFunctions.last("side").bind(FILLS));
        assertThrows(IllegalArgumentException.class, () -> RunningFunctions.max("flag").bind(FILLS));
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> RunningFunctions.sum("volume").bind(FILLS));
        assertTrue(unknown.getMessage().contains("volume"), unknown.getMessage());
    }

    @Test
    void shouldNameTheRunningTagInBindErrors() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TagRunning.of("cum_volume", "sum(volume)").bind(FILLS));
        assertTrue(e.getMessage().startsWith("enrich.running.cum_volume"), e.getMessage());
        assertEquals(FILLS.with("n", ColumnType.LONG), TagRunning.of("n", "count").bind(FILLS));
        assertEquals(FILLS.with("hi", ColumnType.DOUBLE), TagRunning.of("hi", "max(price)").bind(FILLS));
    }
}
