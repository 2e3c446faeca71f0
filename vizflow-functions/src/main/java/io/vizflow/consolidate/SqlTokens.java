package io.vizflow.consolidate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tokens of a SQL expression: names (plain, {@code `quoted`} or {@code "quoted"}), numbers,
 * {@code 'strings'} and operators, each with its place in the text. Shared by the metric and the
 * derived-expression parsers.
 */
final class SqlTokens {
    enum Kind { NAME, QUOTED_NAME, NUMBER, STRING, SYMBOL, END }

    record Token(Kind kind, String text, int start, int end) {
        boolean is(String symbolOrKeyword) {
            return (kind == Kind.SYMBOL || kind == Kind.NAME) && text.equalsIgnoreCase(symbolOrKeyword);
        }

        String upper() {
            return text.toUpperCase(Locale.ROOT);
        }
    }

    private static final String[] SYMBOLS = {"<>", "!=", "<=", ">=", "||", "+", "-", "*", "/", "%", "(", ")",
            ",", "=", "<", ">", "."};

    private SqlTokens() {}

    /** The tokens of {@code text}, ending with an END token; throws on a character no SQL has. */
    static List<Token> of(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (Character.isLetter(c) || c == '_' || c == '$') {
                int s = i;
                while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_' || text.charAt(i) == '$')) i++;
                out.add(new Token(Kind.NAME, text.substring(s, i), s, i));
            } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(text.charAt(i + 1)))) {
                int s = i;
                while (i < n && Character.isDigit(text.charAt(i))) i++;
                if (i < n && text.charAt(i) == '.') {
                    i++;
                    while (i < n && Character.isDigit(text.charAt(i))) i++;
                }
                if (i < n && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
                    int e = i + 1;
                    if (e < n && (text.charAt(e) == '+' || text.charAt(e) == '-')) e++;
                    if (e < n && Character.isDigit(text.charAt(e))) {
                        i = e;
                        while (i < n && Character.isDigit(text.charAt(i))) i++;
                    }
                }
                out.add(new Token(Kind.NUMBER, text.substring(s, i), s, i));
            } else if (c == '\'' || c == '`' || c == '"') {
                int s = i;
                StringBuilder sb = new StringBuilder();
                i++;
                while (true) {
                    if (i >= n) throw new IllegalArgumentException("unclosed " + c + " at position " + s);
                    char d = text.charAt(i);
                    if (d == c) {
                        if (i + 1 < n && text.charAt(i + 1) == c) {
                            sb.append(c);
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    sb.append(d);
                    i++;
                }
                out.add(new Token(c == '\'' ? Kind.STRING : Kind.QUOTED_NAME, sb.toString(), s, i));
            } else {
                String sym = null;
                for (String candidate : SYMBOLS) {
                    if (text.startsWith(candidate, i)) {
                        sym = candidate;
                        break;
                    }
                }
                if (sym == null) throw new IllegalArgumentException("unexpected '" + c + "' at position " + i);
                out.add(new Token(Kind.SYMBOL, sym, i, i + sym.length()));
                i += sym.length();
            }
        }
        out.add(new Token(Kind.END, "", n, n));
        return out;
    }
}
