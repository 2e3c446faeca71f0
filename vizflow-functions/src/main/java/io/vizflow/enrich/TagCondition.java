package io.vizflow.enrich;

import io.vizflow.row.ColumnBatch;
import io.vizflow.row.ColumnType;
import io.vizflow.row.RowSchema;

import org.apache.flink.api.common.functions.RuntimeContext;

import java.util.List;

/**
 * {@code TagCondition name: expression}: a boolean column computed from the row's columns.
 * The expression is Java expression syntax over column names ({@code qty > 10000},
 * {@code side.equals("B") && price > 10}), compiled to bytecode once per task. The tag is null
 * when a column the expression reads is null.
 */
public final class TagCondition implements TagRule {
    private static final long serialVersionUID = 1L;

    private final String name;
    private final String expression;
    private RowExpression compiled;
    private int outIndex;

    public TagCondition(String name, String expression) {
        this.name = name;
        this.expression = expression;
    }

    public static TagCondition of(String name, String expression) {
        return new TagCondition(name, expression);
    }

    public String name() {
        return name;
    }

    @Override
    public RowSchema bind(RowSchema input) {
        try {
            compiled = RowExpression.of(expression, input);
            compiled.predicate(); // compile now, so a bad expression fails while the job is planned
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("enrich.conditions." + name + ": " + e.getMessage(), e);
        }
        outIndex = input.size();
        return input.with(name, ColumnType.BOOLEAN);
    }

    @Override
    public List<String> columnsRead() {
        return compiled == null ? null : compiled.columns();
    }

    @Override
    public void open(RuntimeContext context) {
        compiled.predicate();
    }

    @Override
    public void apply(ColumnBatch rows) {
        compiled.predicate().testAll(rows, outIndex);
    }
}
