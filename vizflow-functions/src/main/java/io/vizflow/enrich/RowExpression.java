package io.vizflow.enrich;

import io.vizflow.row.RowSchema;
import io.vizflow.row.VizRow;

import org.codehaus.commons.compiler.CompileException;
import org.codehaus.janino.ClassBodyEvaluator;
import org.codehaus.janino.ExpressionEvaluator;
import org.codehaus.janino.Scanner;

import java.io.IOException;
import java.io.Serializable;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;

/**
 * A Java expression over a row's columns, compiled with Janino into a class that reads the
 * columns it names straight from the {@link VizRow} (no boxing, no interpretation per row).
 */
final class RowExpression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String resultType;
    private final String[] names;
    private final String[] javaTypes;
    private final int[] indexes;
    private transient RowPredicate predicate;

    private RowExpression(String expression, String resultType, List<String> names,
                          List<String> javaTypes, List<Integer> indexes) {
        this.expression = expression;
        this.resultType = resultType;
        this.names = names.toArray(new String[0]);
        this.javaTypes = javaTypes.toArray(new String[0]);
        this.indexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    static RowExpression of(String expression, RowSchema schema, String resultType) {
        String[] guessed;
        try {
            guessed = ExpressionEvaluator.guessParameterNames(new Scanner(null, new StringReader(expression)));
        } catch (CompileException | IOException e) {
            throw new IllegalArgumentException("'" + expression + "' is not a valid expression: " + e.getMessage());
        }
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Integer> indexes = new ArrayList<>();
        Set<String> unknown = new TreeSet<>();
        for (String n : new LinkedHashSet<>(List.of(guessed))) {
            if (schema.contains(n)) {
                names.add(n);
                indexes.add(schema.indexOf(n));
                types.add(javaType(schema, n));
            } else if (Character.isLowerCase(n.charAt(0))) {
                unknown.add(n);
            }
        }
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("'" + expression + "' names unknown column"
                    + (unknown.size() > 1 ? "s " : " ") + unknown + "; columns are " + schema.names());
        }
        return new RowExpression(expression, resultType, names, types, indexes);
    }

    /** The columns the expression reads. */
    List<String> columns() {
        return List.of(names);
    }

    private static String javaType(RowSchema schema, String name) {
        switch (schema.type(name)) {
            case LONG: return "long";
            case DOUBLE: return "double";
            case STRING: return "String";
            default: return "boolean";
        }
    }

    /** True when a column the expression reads is null in this row. */
    boolean readsNull(VizRow row) {
        for (int i : indexes) {
            if (row.isNull(i)) return true;
        }
        return false;
    }

    RowPredicate predicate() {
        if (predicate == null) {
            predicate = compile();
        }
        return predicate;
    }

    private RowPredicate compile() {
        StringBuilder body = new StringBuilder("public boolean test(io.vizflow.row.VizRow row) {\n");
        for (int i = 0; i < names.length; i++) {
            String getter;
            switch (javaTypes[i]) {
                case "long": getter = "getLong"; break;
                case "double": getter = "getDouble"; break;
                case "String": getter = "getString"; break;
                default: getter = "getBoolean";
            }
            body.append("  final ").append(javaTypes[i]).append(' ').append(names[i])
                    .append(" = row.").append(getter).append('(').append(indexes[i]).append(");\n");
        }
        body.append("  return (").append(resultType).append(") (").append(expression).append(");\n}\n");
        ClassBodyEvaluator cbe = new ClassBodyEvaluator();
        cbe.setImplementedInterfaces(new Class<?>[] {RowPredicate.class});
        cbe.setParentClassLoader(RowExpression.class.getClassLoader());
        try {
            cbe.cook(body.toString());
            return (RowPredicate) cbe.getClazz().getDeclaredConstructor().newInstance();
        } catch (CompileException e) {
            throw new IllegalArgumentException("'" + expression + "' does not compile as a "
                    + resultType + " expression over the columns " + List.of(names) + ": "
                    + e.getMessage().replaceFirst("^Line \\d+, Column \\d+: ", ""));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
