package io.vizflow.enrich;

import io.vizflow.row.RowSchema;

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
 * A boolean Java expression over a row's columns, compiled with Janino into a class that runs it
 * over every row of a {@link io.vizflow.row.ColumnBatch}, reading the columns it names straight
 * from their arrays (no boxing, no interpretation, no call per row).
 */
final class RowExpression implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String expression;
    private final String[] names;
    private final String[] javaTypes;
    private final int[] indexes;
    private transient RowPredicate predicate;

    private RowExpression(String expression, List<String> names,
                          List<String> javaTypes, List<Integer> indexes) {
        this.expression = expression;
        this.names = names.toArray(new String[0]);
        this.javaTypes = javaTypes.toArray(new String[0]);
        this.indexes = indexes.stream().mapToInt(Integer::intValue).toArray();
    }

    static RowExpression of(String expression, RowSchema schema) {
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
            if (n.startsWith("$")) {
                throw new IllegalArgumentException("'" + expression + "' names '" + n
                        + "': names starting with '$' are the compiled code's own");
            }
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
        return new RowExpression(expression, names, types, indexes);
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

    RowPredicate predicate() {
        if (predicate == null) {
            predicate = compile();
        }
        return predicate;
    }

    private RowPredicate compile() {
        // the code's own names start with '$' (refused in an expression): a column is read into a local named after it
        StringBuilder body = new StringBuilder("public void testAll(io.vizflow.row.ColumnBatch $b, int $out) {\n");
        body.append("  final long[] $o = $b.longs($out);\n");
        StringBuilder anyNulls = new StringBuilder("false");
        StringBuilder rowNulls = new StringBuilder("false");
        for (int i = 0; i < names.length; i++) {
            boolean string = javaTypes[i].equals("String");
            body.append("  final ").append(string ? "String[]" : "long[]").append(" $v").append(i)
                    .append(" = $b.").append(string ? "strings" : "longs").append('(').append(indexes[i]).append(");\n");
            anyNulls.append(" || $b.hasNulls(").append(indexes[i]).append(')');
            rowNulls.append(" || $b.isNull(").append(indexes[i]).append(", $r)");
        }
        body.append("  final boolean $nulls = ").append(anyNulls).append(";\n");
        body.append("  for (int $r = 0, $n = $b.size(); $r < $n; $r++) {\n");
        body.append("    if ($nulls && (").append(rowNulls).append(")) {\n");
        body.append("      $b.setNull($out, $r);\n      continue;\n    }\n");
        for (int i = 0; i < names.length; i++) {
            String value;
            switch (javaTypes[i]) {
                case "long": value = "$v" + i + "[$r]"; break;
                case "double": value = "Double.longBitsToDouble($v" + i + "[$r])"; break;
                case "String": value = "$v" + i + "[$r]"; break;
                default: value = "$v" + i + "[$r] != 0";
            }
            body.append("    final ").append(javaTypes[i]).append(' ').append(names[i]).append(" = ").append(value).append(";\n");
        }
        body.append("    $o[$r] = ((boolean) (").append(expression).append(")) ? 1L : 0L;\n");
        body.append("  }\n}\n");
        ClassBodyEvaluator cbe = new ClassBodyEvaluator();
        cbe.setImplementedInterfaces(new Class<?>[] {RowPredicate.class});
        cbe.setParentClassLoader(RowExpression.class.getClassLoader());
        try {
            cbe.cook(body.toString());
            return (RowPredicate) cbe.getClazz().getDeclaredConstructor().newInstance();
        } catch (CompileException e) {
            throw new IllegalArgumentException("'" + expression + "' does not compile as a "
                    + "boolean expression over the columns " + List.of(names) + ": "
                    + e.getMessage().replaceFirst("^Line \\d+, Column \\d+: ", ""));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
