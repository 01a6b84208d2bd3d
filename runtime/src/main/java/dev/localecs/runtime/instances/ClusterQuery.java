package dev.localecs.runtime.instances;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * ECS's cluster query language: {@code subject operator [argument]} comparisons joined with {@code and}/
 * {@code &&}, {@code or}/{@code ||}, negated with {@code not}/{@code !}, grouped with parentheses. Subjects are
 * {@code attribute:<name>}, {@code ec2InstanceId}, {@code agentConnected}, {@code agentVersion},
 * {@code registeredAt}, {@code runningTasksCount} and {@code task:group}; each accepts the operators ECS
 * documents for it. A recursive-descent parser over a small tokenizer; {@code and} binds tighter than
 * {@code or}.
 */
final class ClusterQuery implements Predicate<QueryTarget> {
    private final Node root;

    private ClusterQuery(Node root) {
        this.root = root;
    }

    /**
     * Parses an expression.
     *
     * @param expression the expression
     * @return the query
     * @throws QuerySyntaxException when it is not a valid expression
     */
    static ClusterQuery parse(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new QuerySyntaxException("the expression is empty");
        }
        Parser parser = new Parser(tokens(expression));
        Node root = parser.or();
        if (parser.position < parser.tokens.size()) {
            throw new QuerySyntaxException("unexpected '" + parser.tokens.get(parser.position) + "'");
        }
        return new ClusterQuery(root);
    }

    @Override
    public boolean test(QueryTarget target) {
        return root.test(target);
    }

    /** Why an expression was refused. */
    static final class QuerySyntaxException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        QuerySyntaxException(String message) {
            super(message);
        }
    }

    private interface Node {
        boolean test(QueryTarget target);
    }

    private enum Kind { TEXT, NUMBER, DATE, VERSION, GROUP }

    private enum Operator {
        EQUALS("==", "equals"), NOT_EQUALS("!=", "not_equals"), GREATER(">", "greater_than"),
        GREATER_EQUAL(">=", "greater_than_equal"), LESS("<", "less_than"), LESS_EQUAL("<=", "less_than_equal"),
        EXISTS("exists", "exists"), NOT_EXISTS("!exists", "not_exists"), IN("in", "in"), NOT_IN("!in", "not_in"),
        MATCHES("=~", "matches"), NOT_MATCHES("!~", "not_matches");

        private final String symbol;
        private final String word;

        Operator(String symbol, String word) {
            this.symbol = symbol;
            this.word = word;
        }

        static Optional<Operator> of(String token) {
            String lower = token.toLowerCase(Locale.ROOT);
            for (Operator operator : values()) {
                if (operator.symbol.equals(lower) || operator.word.equals(lower)) {
                    return Optional.of(operator);
                }
            }
            return Optional.empty();
        }

        boolean ordering() {
            return this == GREATER || this == GREATER_EQUAL || this == LESS || this == LESS_EQUAL;
        }
    }

    /** The expression's tokens ({@link QueryTokens}); an unterminated quoted value is a syntax error. */
    static List<String> tokens(String expression) {
        try {
            return QueryTokens.of(expression);
        } catch (IllegalArgumentException e) {
            throw new QuerySyntaxException(e.getMessage());
        }
    }

    private static final class Parser {
        private final List<String> tokens;
        private int position;

        Parser(List<String> tokens) {
            this.tokens = tokens;
        }

        Node or() {
            Node left = and();
            while (accept("or", "||")) {
                Node l = left;
                Node r = and();
                left = t -> l.test(t) || r.test(t);
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (accept("and", "&&")) {
                Node l = left;
                Node r = unary();
                left = t -> l.test(t) && r.test(t);
            }
            return left;
        }

        Node unary() {
            if (accept("not", "!")) {
                Node inner = unary();
                return t -> !inner.test(t);
            }
            if (accept("(")) {
                Node inner = or();
                expect(")");
                return inner;
            }
            return comparison();
        }

        Node comparison() {
            String subject = next("a subject");
            if (subject.startsWith("!") && subject.length() > 1 && !subject.startsWith("!exists")) {
                tokens.set(position - 1, subject.substring(1));
                position--;
                Node inner = comparison();
                return t -> !inner.test(t);
            }
            Kind kind = kind(subject);
            String operatorToken = next("an operator after '" + subject + "'");
            if (operatorToken.equals("!") && position < tokens.size()
                    && List.of("exists", "in").contains(tokens.get(position).toLowerCase(Locale.ROOT))) {
                operatorToken = "!" + tokens.get(position++);
            }
            String given = operatorToken;
            Operator operator = Operator.of(operatorToken).orElseThrow(() ->
                    new QuerySyntaxException("'" + given + "' is not an operator"));
            check(subject, kind, operator);
            return switch (operator) {
                case EXISTS -> t -> value(subject, t).isPresent();
                case NOT_EXISTS -> t -> value(subject, t).isEmpty();
                case IN, NOT_IN -> {
                    List<String> values = list();
                    boolean negate = operator == Operator.NOT_IN;
                    yield t -> negate != values.stream().anyMatch(v -> equal(kind, subject, t, v));
                }
                case MATCHES, NOT_MATCHES -> {
                    Pattern pattern = pattern(next("a pattern"));
                    boolean negate = operator == Operator.NOT_MATCHES;
                    yield t -> negate != matches(kind, subject, t, pattern);
                }
                case EQUALS -> {
                    String v = argument(kind);
                    yield t -> equal(kind, subject, t, v);
                }
                case NOT_EQUALS -> {
                    String v = argument(kind);
                    yield t -> !equal(kind, subject, t, v);
                }
                default -> {
                    String v = argument(kind);
                    yield t -> value(subject, t).filter(actual -> !actual.isEmpty())
                            .map(actual -> order(operator, compare(kind, actual, v))).orElse(false);
                }
            };
        }

        private String argument(Kind kind) {
            String value = next("a value");
            if (kind == Kind.NUMBER) {
                number(value);
            } else if (kind == Kind.DATE) {
                date(value);
            }
            return value;
        }

        private List<String> list() {
            String open = position < tokens.size() ? tokens.get(position++) : "";
            if (!open.equals("[") && !open.equals("(")) {
                throw new QuerySyntaxException("expected a list such as [a, b] after in/not_in");
            }
            String close = open.equals("[") ? "]" : ")";
            List<String> values = new ArrayList<>();
            do {
                values.add(next("a value"));
            } while (accept(","));
            expect(close);
            return values;
        }

        private boolean accept(String... words) {
            if (position < tokens.size()) {
                for (String word : words) {
                    if (tokens.get(position).equalsIgnoreCase(word)) {
                        position++;
                        return true;
                    }
                }
            }
            return false;
        }

        private void expect(String token) {
            if (!accept(token)) {
                throw new QuerySyntaxException("expected '" + token + "'");
            }
        }

        private String next(String what) {
            if (position >= tokens.size()) {
                throw new QuerySyntaxException("expected " + what + " at the end");
            }
            String token = tokens.get(position++);
            if (List.of("(", ")", "[", "]", ",").contains(token)) {
                throw new QuerySyntaxException("expected " + what + ", found '" + token + "'");
            }
            return token.startsWith("\u0000") ? token.substring(1) : token;
        }
    }

    private static Kind kind(String subject) {
        if (subject.startsWith("attribute:") && subject.length() > "attribute:".length()) {
            return Kind.TEXT;
        }
        return switch (subject) {
            case "ec2InstanceId", "agentConnected" -> Kind.TEXT;
            case "agentVersion" -> Kind.VERSION;
            case "registeredAt" -> Kind.DATE;
            case "runningTasksCount" -> Kind.NUMBER;
            case "task:group" -> Kind.GROUP;
            default -> throw new QuerySyntaxException("'" + subject + "' is not a subject (attribute:<name>, "
                    + "ec2InstanceId, agentConnected, agentVersion, registeredAt, runningTasksCount, task:group)");
        };
    }

    /** The operators ECS documents per subject. */
    private static void check(String subject, Kind kind, Operator operator) {
        boolean allowed = switch (kind) {
            case TEXT -> subject.startsWith("attribute:") || !operator.ordering()
                    && operator != Operator.EXISTS && operator != Operator.NOT_EXISTS;
            case NUMBER, DATE, VERSION -> operator.ordering() || operator == Operator.EQUALS
                    || operator == Operator.NOT_EQUALS;
            case GROUP -> operator == Operator.EQUALS || operator == Operator.NOT_EQUALS || operator == Operator.IN
                    || operator == Operator.NOT_IN || operator == Operator.MATCHES || operator == Operator.NOT_MATCHES
                    || operator == Operator.EXISTS || operator == Operator.NOT_EXISTS;
        };
        if (!allowed) {
            throw new QuerySyntaxException("operator '" + operator.word + "' cannot be used with " + subject);
        }
    }

    private static Optional<String> value(String subject, QueryTarget target) {
        if (subject.startsWith("attribute:")) {
            return Optional.ofNullable(target.attributes().get(subject.substring("attribute:".length())));
        }
        return switch (subject) {
            case "ec2InstanceId" -> Optional.of(target.ec2InstanceId());
            case "agentConnected" -> Optional.of(String.valueOf(target.agentConnected()));
            case "agentVersion" -> Optional.of(target.agentVersion());
            case "registeredAt" -> Optional.of(target.registeredAt().toString());
            case "runningTasksCount" -> Optional.of(String.valueOf(target.runningTasksCount()));
            default -> target.taskGroups().isEmpty() ? Optional.empty() : Optional.of(String.join(",",
                    target.taskGroups()));
        };
    }

    private static boolean equal(Kind kind, String subject, QueryTarget target, String expected) {
        if (kind == Kind.GROUP) {
            return target.taskGroups().contains(expected);
        }
        return value(subject, target).map(actual -> kind == Kind.TEXT ? actual.equals(expected)
                : compare(kind, actual, expected) == 0).orElse(false);
    }

    private static boolean matches(Kind kind, String subject, QueryTarget target, Pattern pattern) {
        if (kind == Kind.GROUP) {
            return target.taskGroups().stream().anyMatch(group -> pattern.matcher(group).matches());
        }
        return value(subject, target).map(actual -> pattern.matcher(actual).matches()).orElse(false);
    }

    private static Pattern pattern(String text) {
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw new QuerySyntaxException("'" + text + "' is not a valid pattern");
        }
    }

    private static boolean order(Operator operator, int comparison) {
        return switch (operator) {
            case GREATER -> comparison > 0;
            case GREATER_EQUAL -> comparison >= 0;
            case LESS -> comparison < 0;
            default -> comparison <= 0;
        };
    }

    /** Numbers numerically, dates as instants, versions by their numeric parts, other text as text. */
    static int compare(Kind kind, String actual, String expected) {
        return switch (kind) {
            case NUMBER -> Long.compare(number(actual), number(expected));
            case DATE -> date(actual).compareTo(date(expected));
            case VERSION -> compareVersions(actual, expected);
            default -> numeric(actual) && numeric(expected)
                    ? Double.compare(Double.parseDouble(actual), Double.parseDouble(expected))
                    : actual.compareTo(expected);
        };
    }

    private static boolean numeric(String text) {
        return text.matches("-?\\d+(\\.\\d+)?");
    }

    private static long number(String text) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new QuerySyntaxException("'" + text + "' is not a number");
        }
    }

    /** The formats ECS accepts: 2018-06-18T22:28:28+00:00, 2018-06-18T22:28:28Z, 2018-06-18T22:28:28, 2018-06-18. */
    private static Instant date(String text) {
        try {
            if (text.length() == 10) {
                return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
            }
            if (text.endsWith("Z") || text.matches(".*[+-]\\d\\d:\\d\\d$")) {
                return OffsetDateTime.parse(text).toInstant();
            }
            return LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new QuerySyntaxException("'" + text + "' is not a date (2018-06-18T22:28:28Z or 2018-06-18)");
        }
    }

    private static int compareVersions(String a, String b) {
        String[] left = a.replaceFirst("^v", "").split("[.-]");
        String[] right = b.replaceFirst("^v", "").split("[.-]");
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            int c = numeric(l) && numeric(r) ? Long.compare(Long.parseLong(l), Long.parseLong(r)) : l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

}
