package dev.localecs.runtime.instances;

import java.util.ArrayList;
import java.util.List;

/**
 * The tokens of a cluster query language expression: words, quoted values (marked with a leading
 * {@link #QUOTED}), the punctuation {@code ( ) [ ] ,} and the operator symbols, split from the words around them.
 * The runtime's {@code ClusterQuery} parses them in full; an engine that carries some comparisons to its own
 * scheduler (the Kubernetes engine's node affinity) reads the same tokens.
 */
public final class QueryTokens {
    /** The mark before a quoted value's text. */
    public static final char QUOTED = '\u0000';
    private static final List<String> SYMBOLS = List.of("&&", "||", "==", "!=", ">=", "<=", "=~", "!~", ">", "<");

    private QueryTokens() {
    }

    /**
     * Splits an expression.
     *
     * @param expression the expression
     * @return its tokens, in order
     * @throws IllegalArgumentException for an unterminated quoted value
     */
    public static List<String> of(String expression) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < expression.length()) {
            char c = expression.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if ("()[],".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (c == '"' || c == '\'') {
                int end = expression.indexOf(c, i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("unterminated quoted value");
                }
                tokens.add(QUOTED + expression.substring(i + 1, end));
                i = end + 1;
            } else {
                String symbol = symbolAt(expression, i);
                if (symbol != null) {
                    tokens.add(symbol);
                    i += symbol.length();
                    continue;
                }
                int start = i;
                while (i < expression.length() && !Character.isWhitespace(expression.charAt(i))
                        && "()[],\"'".indexOf(expression.charAt(i)) < 0 && (i == start || symbolAt(expression, i) == null)) {
                    i++;
                }
                tokens.add(expression.substring(start, i));
            }
        }
        return tokens;
    }

    private static String symbolAt(String expression, int i) {
        for (String symbol : SYMBOLS) {
            if (expression.startsWith(symbol, i)) {
                return symbol;
            }
        }
        return null;
    }
}
