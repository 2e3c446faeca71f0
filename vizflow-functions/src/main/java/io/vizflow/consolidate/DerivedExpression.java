package io.vizflow.consolidate;

import io.vizflow.consolidate.SqlTokens.Kind;
import io.vizflow.consolidate.SqlTokens.Token;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A derived metric: arithmetic over merged metrics (and other derived metrics), computed at query
 * time on the merged values, e.g. {@code sum_return_60 / n_return_60}.
 *
 * <p>The language: numbers, names, {@code + - * /}, parentheses and the functions {@code SQRT},
 * {@code ABS}, {@code LN}, {@code LOG10}, {@code EXP}, {@code POWER(x, y)}, {@code SIGN},
 * {@code LEAST}, {@code GREATEST}, {@code COALESCE} and {@code NULLIF(x, y)}. Values are doubles; a
 * null input gives null (except in COALESCE, LEAST and GREATEST, which skip nulls as in SQL), and
 * so does a result that is not a finite number: a division by zero, the square root of a negative
 * number, the log of zero give null, never an error.
 */
public final class DerivedExpression {
    private final String name;
    private final String text;
    private final Expr root;
    private final Set<String> references;

    private DerivedExpression(String name, String text, Expr root, Set<String> references) {
        this.name = name;
        this.text = text;
        this.root = root;
        this.references = Collections.unmodifiableSet(references);
    }

    /**
     * Parses {@code text}.
     *
     * @throws IllegalArgumentException {@code derived.NAME: what is wrong}
     */
    public static DerivedExpression parse(String name, String text) {
        Parser p;
        try {
            p = new Parser(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("derived." + name + ": '" + text + "': " + e.getMessage(), e);
        }
        return new DerivedExpression(name, text, p.root, p.names);
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The names the expression reads, in order of appearance. */
    public Set<String> references() {
        return references;
    }

    /** The value, given the values of the names it reads (a missing or null value is null). */
    public Double evaluate(Function<String, Double> values) {
        double v = root.eval(values);
        return Double.isFinite(v) ? v : null;
    }

    /** The value, given a map of the names it reads. */
    public Double evaluate(Map<String, Double> values) {
        return evaluate(values::get);
    }

    @Override
    public String toString() {
        return name + ": " + text;
    }

    /** A node; null values travel as NaN inside the evaluation and become null at the end. */
    private interface Expr {
        double eval(Function<String, Double> values);
    }

    private static final class Parser {
        private final List<Token> tokens;
        private final Set<String> names = new LinkedHashSet<>();
        private int at;
        final Expr root;

        Parser(String text) {
            tokens = SqlTokens.of(text);
            if (tokens.get(0).kind() == Kind.END) throw new IllegalArgumentException("the expression is empty");
            root = additive();
            if (tokens.get(at).kind() != Kind.END) {
                throw new IllegalArgumentException("unexpected '" + tokens.get(at).text() + "' at position " + tokens.get(at).start());
            }
        }

        private Expr additive() {
            Expr left = multiplicative();
            while (peek().is("+") || peek().is("-")) {
                boolean plus = next().is("+");
                Expr l = left;
                Expr r = multiplicative();
                left = plus ? v -> l.eval(v) + r.eval(v) : v -> l.eval(v) - r.eval(v);
            }
            return left;
        }

        private Expr multiplicative() {
            Expr left = unary();
            while (peek().is("*") || peek().is("/")) {
                boolean times = next().is("*");
                Expr l = left;
                Expr r = unary();
                left = times ? v -> l.eval(v) * r.eval(v) : v -> divide(l.eval(v), r.eval(v));
            }
            return left;
        }

        private Expr unary() {
            if (peek().is("-")) {
                next();
                Expr e = unary();
                return v -> -e.eval(v);
            }
            if (peek().is("+")) {
                next();
                return unary();
            }
            return primary();
        }

        private Expr primary() {
            Token t = next();
            if (t.kind() == Kind.NUMBER) {
                double d = Double.parseDouble(t.text());
                return v -> d;
            }
            if (t.is("(")) {
                Expr e = additive();
                expect(")");
                return e;
            }
            if (t.kind() == Kind.NAME || t.kind() == Kind.QUOTED_NAME) {
                if (t.kind() == Kind.NAME && peek().is("(")) return function(t);
                String n = t.text();
                names.add(n);
                return v -> {
                    Double d = v.apply(n);
                    return d == null ? Double.NaN : d;
                };
            }
            if (t.kind() == Kind.END) throw new IllegalArgumentException("the expression ends too early");
            throw new IllegalArgumentException("unexpected '" + t.text() + "' at position " + t.start()
                    + (t.kind() == Kind.STRING ? " (text is not a number)" : ""));
        }

        private Expr function(Token name) {
            expect("(");
            List<Expr> args = new ArrayList<>();
            if (!peek().is(")")) {
                args.add(additive());
                while (peek().is(",")) {
                    next();
                    args.add(additive());
                }
            }
            expect(")");
            String f = name.text().toUpperCase(Locale.ROOT);
            switch (f) {
                case "SQRT": return one(f, args, x -> x < 0 ? Double.NaN : Math.sqrt(x));
                case "ABS": return one(f, args, Math::abs);
                case "LN": return one(f, args, x -> x <= 0 ? Double.NaN : Math.log(x));
                case "LOG10": return one(f, args, x -> x <= 0 ? Double.NaN : Math.log10(x));
                case "EXP": return one(f, args, Math::exp);
                case "SIGN": return one(f, args, Math::signum);
                case "POWER":
                case "POW": {
                    arity(f, args, 2);
                    Expr b = args.get(0);
                    Expr e = args.get(1);
                    return v -> Math.pow(b.eval(v), e.eval(v));
                }
                case "NULLIF": {
                    arity(f, args, 2);
                    Expr a = args.get(0);
                    Expr b = args.get(1);
                    return v -> {
                        double x = a.eval(v);
                        return x == b.eval(v) ? Double.NaN : x;
                    };
                }
                case "COALESCE":
                case "LEAST":
                case "GREATEST": {
                    if (args.isEmpty()) throw new IllegalArgumentException(f + " needs at least one argument");
                    List<Expr> all = List.copyOf(args);
                    return v -> {
                        double out = Double.NaN;
                        for (Expr a : all) {
                            double x = a.eval(v);
                            if (Double.isNaN(x)) continue;
                            if (f.equals("COALESCE")) return x;
                            out = Double.isNaN(out) ? x : f.equals("LEAST") ? Math.min(out, x) : Math.max(out, x);
                        }
                        return out;
                    };
                }
                default:
                    throw new IllegalArgumentException("unknown function " + name.text() + "; derived expressions know "
                            + "SQRT, ABS, LN, LOG10, EXP, POWER, SIGN, LEAST, GREATEST, COALESCE and NULLIF (aggregates "
                            + "such as SUM belong in metrics:)");
            }
        }

        private static Expr one(String f, List<Expr> args, java.util.function.DoubleUnaryOperator op) {
            arity(f, args, 1);
            Expr a = args.get(0);
            return v -> op.applyAsDouble(a.eval(v));
        }

        private static void arity(String f, List<Expr> args, int n) {
            if (args.size() != n) {
                throw new IllegalArgumentException(f + " takes " + n + " argument" + (n == 1 ? "" : "s") + ", got " + args.size());
            }
        }

        private static double divide(double a, double b) {
            return b == 0 ? Double.NaN : a / b;
        }

        private Token peek() {
            return tokens.get(at);
        }

        private Token next() {
            Token t = tokens.get(at);
            if (t.kind() != Kind.END) at++;
            return t;
        }

        private void expect(String symbol) {
            Token t = next();
            if (!t.is(symbol)) {
                throw new IllegalArgumentException("expected '" + symbol + "'"
                        + (t.kind() == Kind.END ? " at the end" : " at position " + t.start() + " but found '" + t.text() + "'"));
            }
        }
    }
}
