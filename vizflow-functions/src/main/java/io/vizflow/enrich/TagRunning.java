package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.RowSchema;

import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;

import java.util.List;

/**
 * {@code TagRunning name: function}: a running value over the symbol's rows so far, this row
 * included, e.g. {@code trade_count: count} or {@code cum_qty: sum(qty)}. The accumulator lives in
 * a Flink {@link ValueState} named after the column.
 */
public final class TagRunning<A> implements TagRule {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final RunningFunction<A> function;
    private int outIndex;
    private transient ValueState<A> accumulator;

    public TagRunning(String name, RunningFunction<A> function) {
        this.name = name;
        this.function = function;
    }

    /** A built-in from its config spelling: {@code count}, {@code sum(qty)}, ... */
    public static TagRunning<long[]> of(String name, String spec) {
        return new TagRunning<>(name, RunningFunctions.parse(spec));
    }

    public static <A> TagRunning<A> of(String name, RunningFunction<A> function) {
        return new TagRunning<>(name, function);
    }

    public String name() {
        return name;
    }

    @Override
    public RowSchema bind(RowSchema input) {
        outIndex = input.size();
        try {
            return input.with(name, function.bind(input));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("enrich.running." + name + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<String> columnsRead() {
        return function.columnsRead();
    }

    @Override
    public void open(RuntimeContext context) {
        accumulator = context.getState(new ValueStateDescriptor<>("running:" + name, function.accumulatorType()));
    }

    @Override
    public void apply(ColumnBatch rows) throws Exception {
        A acc = accumulator.value();
        if (acc == null) {
            acc = function.create();
        }
        acc = function.addAll(acc, rows, outIndex);
        accumulator.update(acc);
    }

    @Override
    public void clear() {
        accumulator.clear();
    }
}
