package io.vizflow.consolidate;

import io.vizflow.consolidate.SqlTokens.Kind;
import io.vizflow.consolidate.SqlTokens.Token;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The shape of a metric, a Flink SQL aggregate expression: enough of SQL's expression grammar
 * (operators, CASE, CAST, IN, BETWEEN, IS, LIKE, function calls with DISTINCT, {@code *} and
 * {@code FILTER (WHERE ...)}) to tell a single aggregate call from an expression of aggregates.
 * It does not check types or names: Flink does that when the job is planned.
 */
final class MetricExpression {
    /** The aggregate functions of Flink SQL (upper case). */
    static final Set<String> AGGREGATES = Set.of("COUNT", "SUM", "SUM0", "MIN", "MAX", "AVG", "STDDEV",
            "STDDEV_POP", "STDDEV_SAMP", "VARIANCE", "VAR_POP", "VAR_SAMP", "COLLECT", "LISTAGG", "FIRST_VALUE",
            "LAST_VALUE", "ARRAY_AGG", "JSON_ARRAYAGG", "JSON_OBJECTAGG", "APPROX_COUNT_DISTINCT", "PERCENTILE",
            "PERCENTILE_CONT", "PERCENTILE_DISC", "MEDIAN", "MODE", "BIT_AND", "BIT_OR", "BIT_XOR", "ANY_VALUE",
            "SINGLE_VALUE", "BOOL_AND", "BOOL_OR", "EVERY", "SOME", "CORR", "COVAR_POP", "COVAR_SAMP", "REGR_SLOPE");

    /** A node of the expression, with its place in the text. */
    sealed interface Node permits Call, Other {
        int start();

        int end();

        List<Node> children();
    }

    /** {@code NAME([DISTINCT] args | *) [FILTER (WHERE cond)]}; the name in upper case. */
    record Call(String name, boolean distinct, boolean star, List<Node> args, Node filter, int start, int end)
            implements Node {
        boolean isAggregate() {
            return AGGREGATES.contains(name);
        }

        @Override
        public List<Node> children() {
            List<Node> all = new ArrayList<>(args);
            if (filter != null) all.add(filter);
            return all;
        }
    }

    /** Anything else: a column, a literal, an operator and its operands, CASE, CAST, ... */
    record Other(String what, List<Node> children, int start, int end) implements Node {}

    final String text;
    final Node root;
    private final List<Token> tokens;
    private int at;

    private MetricExpression(String text) {
        this.text = text;
        this.tokens = SqlTokens.of(text);
        Node r = expression();
        if (peek().kind() != Kind.END) throw error("unexpected '" + peek().text() + "'");
        this.root = r;
    }

    /** Parses an expression; throws {@link IllegalArgumentException} when it is not one. */
    static MetricExpression parse(String text) {
        return new MetricExpression(text);
    }

    /** The text of a node, as written. */
    String text(Node n) {
        return text.substring(n.start(), n.end()).trim();
    }

    /** The aggregate calls that are not inside another aggregate call, in the order written. */
    List<Call> outerAggregates() {
        List<Call> out = new ArrayList<>();
        collect(root, out);
        return out;
    }

    private static void collect(Node n, List<Call> out) {
        if (n instanceof Call c && c.isAggregate()) {
            out.add(c);
            return;
        }
        for (Node child : n.children()) collect(child, out);
    }

    /** The column names a node reads (lower case, in order, without repeats). */
    List<String> columns(Node n) {
        List<String> out = new ArrayList<>();
        columns(n, out);
        return out;
    }

    private void columns(Node n, List<String> out) {
        if (n instanceof Other o && o.what().equals("column")) {
            String name = text(o).replace("`", "").replace("\"", "").toLowerCase(Locale.ROOT);
            if (!out.contains(name)) out.add(name);
        }
        for (Node c : n.children()) columns(c, out);
    }

    // ---- recursive descent, loosest first ----

    private Node expression() {
        return or();
    }

    private Node or() {
        Node left = and();
        while (peek().is("OR")) {
            next();
            left = binary("OR", left, and());
        }
        return left;
    }

    private Node and() {
        Node left = not();
        while (peek().is("AND")) {
            next();
            left = binary("AND", left, not());
        }
        return left;
    }

    private Node not() {
        if (peek().is("NOT")) {
            int s = next().start();
            Node operand = not();
            return new Other("NOT", List.of(operand), s, operand.end());
        }
        return predicate();
    }

    private Node predicate() {
        Node left = additive();
        while (true) {
            Token t = peek();
            if (t.kind() == Kind.SYMBOL && Set.of("=", "<>", "!=", "<", "<=", ">", ">=").contains(t.text())) {
                next();
                left = binary(t.text(), left, additive());
            } else if (t.is("IS")) {
                next();
                if (peek().is("NOT")) next();
                if (peek().is("DISTINCT")) {
                    next();
                    expect("FROM");
                    left = binary("IS DISTINCT FROM", left, additive());
                } else {
                    Token v = next();
                    if (!(v.is("NULL") || v.is("TRUE") || v.is("FALSE") || v.is("UNKNOWN"))) {
                        throw error("expected NULL, TRUE or FALSE after IS");
                    }
                    left = new Other("IS", List.of(left), left.start(), v.end());
                }
            } else if (t.is("NOT") && (peekAt(1).is("BETWEEN") || peekAt(1).is("IN") || peekAt(1).is("LIKE"))) {
                next();
            } else if (t.is("BETWEEN")) {
                next();
                if (peek().is("SYMMETRIC") || peek().is("ASYMMETRIC")) next();
                Node lo = additive();
                expect("AND");
                Node hi = additive();
                left = new Other("BETWEEN", List.of(left, lo, hi), left.start(), hi.end());
            } else if (t.is("IN")) {
                next();
                expect("(");
                List<Node> items = new ArrayList<>(List.of(left));
                items.add(expression());
                while (peek().is(",")) {
                    next();
                    items.add(expression());
                }
                Token close = expect(")");
                left = new Other("IN", items, left.start(), close.end());
            } else if (t.is("LIKE") || t.is("SIMILAR")) {
                next();
                if (t.is("SIMILAR")) expect("TO");
                left = binary("LIKE", left, additive());
            } else {
                return left;
            }
        }
    }

    private Node additive() {
        Node left = multiplicative();
        while (peek().is("+") || peek().is("-") || peek().is("||")) {
            String op = next().text();
            left = binary(op, left, multiplicative());
        }
        return left;
    }

    private Node multiplicative() {
        Node left = unary();
        while (peek().is("*") || peek().is("/") || peek().is("%")) {
            String op = next().text();
            left = binary(op, left, unary());
        }
        return left;
    }

    private Node unary() {
        if (peek().is("-") || peek().is("+")) {
            Token op = next();
            Node operand = unary();
            return new Other("unary " + op.text(), List.of(operand), op.start(), operand.end());
        }
        return primary();
    }

    private Node primary() {
        Token t = next();
        switch (t.kind()) {
            case NUMBER:
            case STRING:
                return new Other("literal", List.of(), t.start(), t.end());
            case QUOTED_NAME:
                return qualified(t);
            case SYMBOL:
                if (t.is("(")) {
                    Node inner = expression();
                    Token close = expect(")");
                    return new Other("()", List.of(inner), t.start(), close.end());
                }
                throw error("unexpected '" + t.text() + "'");
            case NAME:
                break;
            default:
                throw error("the expression ends too early");
        }
        String word = t.upper();
        if (word.equals("NULL") || word.equals("TRUE") || word.equals("FALSE")) {
            return new Other("literal", List.of(), t.start(), t.end());
        }
        if (word.equals("CASE")) return caseExpression(t);
        if ((word.equals("DATE") || word.equals("TIME") || word.equals("TIMESTAMP")) && peek().kind() == Kind.STRING) {
            return new Other("literal", List.of(), t.start(), next().end());
        }
        if (word.equals("INTERVAL")) {
            next();
            Token unit = next();
            return new Other("literal", List.of(), t.start(), unit.end());
        }
        if (peek().is("(")) {
            if (word.equals("CAST") || word.equals("TRY_CAST")) return cast(t);
            return call(t);
        }
        return qualified(t);
    }

    private Node qualified(Token first) {
        int end = first.end();
        while (peek().is(".") && (peekAt(1).kind() == Kind.NAME || peekAt(1).kind() == Kind.QUOTED_NAME)) {
            next();
            end = next().end();
        }
        return new Other("column", List.of(), first.start(), end);
    }

    private Node caseExpression(Token start) {
        List<Node> parts = new ArrayList<>();
        if (!peek().is("WHEN")) parts.add(expression());
        if (!peek().is("WHEN")) throw error("expected WHEN in CASE");
        while (peek().is("WHEN")) {
            next();
            parts.add(expression());
            expect("THEN");
            parts.add(expression());
        }
        if (peek().is("ELSE")) {
            next();
            parts.add(expression());
        }
        Token end = expect("END");
        return new Other("CASE", parts, start.start(), end.end());
    }

    private Node cast(Token start) {
        expect("(");
        Node value = expression();
        expect("AS");
        Token type = next();
        if (type.kind() != Kind.NAME) throw error("expected a type after AS");
        while (peek().kind() == Kind.NAME && !peek().is(")")) next(); // DOUBLE PRECISION, NOT NULL, ...
        if (peek().is("(")) {
            next();
            while (!peek().is(")")) {
                if (peek().kind() == Kind.END) throw error("unclosed type arguments");
                next();
            }
            next();
        }
        Token close = expect(")");
        return new Other("CAST", List.of(value), start.start(), close.end());
    }

    private Node call(Token name) {
        expect("(");
        boolean distinct = false;
        boolean star = false;
        List<Node> args = new ArrayList<>();
        if (peek().is("DISTINCT")) {
            next();
            distinct = true;
        } else if (peek().is("ALL")) {
            next();
        }
        if (peek().is("*")) {
            next();
            star = true;
        } else if (!peek().is(")")) {
            args.add(expression());
            while (peek().is(",")) {
                next();
                args.add(expression());
            }
        }
        Token close = expect(")");
        int end = close.end();
        Node filter = null;
        if (peek().is("FILTER")) {
            next();
            expect("(");
            expect("WHERE");
            filter = expression();
            end = expect(")").end();
        }
        if (peek().is("WITHIN") || peek().is("OVER")) {
            throw error(peek().upper() + " is not supported in a metric");
        }
        return new Call(name.upper(), distinct, star, args, filter, name.start(), end);
    }

    private static Node binary(String op, Node left, Node right) {
        return new Other(op, List.of(left, right), left.start(), right.end());
    }

    private Token peek() {
        return tokens.get(at);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(at + ahead, tokens.size() - 1));
    }

    private Token next() {
        Token t = tokens.get(at);
        if (t.kind() != Kind.END) at++;
        return t;
    }

    private Token expect(String what) {
        Token t = next();
        if (!t.is(what)) {
            throw error("expected " + what + (t.kind() == Kind.END ? " at the end" : " but found '" + t.text() + "'"));
        }
        return t;
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " (position " + peek().start() + ")");
    }
}
