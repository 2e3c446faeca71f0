package io.vizflow.query;

import java.math.BigDecimal;
import java.util.Locale;

/**
 * Converts a filter value to its dimension's type (it is then bound as a parameter): text to a
 * whole number, a real, a boolean; anything that is not a value of that type is refused, naming
 * the dimension and the value.
 */
final class FilterValues {
    private FilterValues() {}

    static Object convert(Dimension d, Object v) {
        switch (d.type()) {
            case INTEGER:
                return whole(d, v);
            case REAL:
                return real(d, v);
            case BOOLEAN:
                return bool(d, v);
            case TEXT:
                if (v instanceof String || v instanceof Character || v instanceof Number || v instanceof Boolean) {
                    return v.toString();
                }
                throw bad(d, v, "text");
            default:
                throw new QueryException("filter " + d.name() + ": not a filterable dimension");
        }
    }

    private static Long whole(Dimension d, Object v) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        try {
            if (v instanceof Number n) return new BigDecimal(n.toString()).longValueExact();
            if (v instanceof String s) return new BigDecimal(s.trim()).longValueExact();
        } catch (ArithmeticException | NumberFormatException e) {
            throw bad(d, v, "a whole number");
        }
        throw bad(d, v, "a whole number");
    }

    private static Double real(Dimension d, Object v) {
        if (v instanceof Number n) return n.doubleValue();
        if (v instanceof String s) {
            try {
                double x = Double.parseDouble(s.trim());
                if (Double.isFinite(x)) return x;
            } catch (NumberFormatException e) {
                // refused below
            }
        }
        throw bad(d, v, "a number");
    }

    private static Boolean bool(Dimension d, Object v) {
        if (v instanceof Boolean b) return b;
        if (v instanceof String s) {
            String t = s.trim().toLowerCase(Locale.ROOT);
            if (t.equals("true")) return true;
            if (t.equals("false")) return false;
        }
        throw bad(d, v, "true or false");
    }

    private static QueryException bad(Dimension d, Object v, String expected) {
        String shown = v instanceof String s ? "'" + Dataset.shorten(s) + "'" : Dataset.shorten(String.valueOf(v));
        return new QueryException("filter " + d.name() + ": " + shown + " is not " + expected + " (" + d.name()
                + " is " + d.type().name().toLowerCase(Locale.ROOT) + ")");
    }
}
