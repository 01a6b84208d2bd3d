package dev.localecs.engine.kubernetes;

import dev.localecs.runtime.instances.QueryTokens;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One comparison of an ECS memberOf expression that has a Kubernetes form: a node attribute
 * ({@code ecs.availability-zone}, {@code ecs.instance-type}, {@code ecs.cpu-architecture}, {@code ecs.os-type})
 * in or not in some values ({@code ==}, {@code !=}, {@code in [..]}, {@code not_in}/{@code !in}/{@code not in}),
 * values as the node labels hold them (architectures as Kubernetes names them: {@code x86_64} → {@code amd64}).
 * The parser reads only what translates; ECS placement in the runtime has the full cluster query language.
 *
 * @param attribute the ECS attribute ({@code ecs.availability-zone})
 * @param operator {@code In} or {@code NotIn}
 * @param values the values, as label values
 */
record MemberOf(String attribute, String operator, List<String> values) {
    /** The attributes that translate. */
    static final List<String> ATTRIBUTES = List.of("attribute:" + ClusterNodes.ZONE,
            "attribute:" + ClusterNodes.INSTANCE_TYPE, "attribute:" + ClusterNodes.ARCHITECTURE,
            "attribute:" + ClusterNodes.OS_TYPE);
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    /**
     * Copies the values.
     *
     * @param attribute the attribute
     * @param operator the operator
     * @param values the values
     */
    MemberOf {
        values = List.copyOf(values);
    }

    /**
     * The comparisons of a memberOf expression that translate: its {@code and}-joined ones on the four node
     * attributes; the others go to {@code left}. An expression with {@code or}, {@code not} or parentheses
     * translates as a whole or not at all: here, not at all.
     *
     * @param expression the expression
     * @param left receives what does not translate, as text
     * @return the comparisons, in order
     */
    static List<MemberOf> translate(String expression, List<String> left) {
        List<String> tokens;
        try {
            tokens = QueryTokens.of(expression);
        } catch (IllegalArgumentException e) {
            left.add(expression.trim());
            return List.of();
        }
        if (!conjunction(tokens)) {
            left.add(expression.trim());
            return List.of();
        }
        List<MemberOf> requirements = new ArrayList<>();
        List<String> term = new ArrayList<>();
        for (int i = 0; i <= tokens.size(); i++) {
            boolean end = i == tokens.size() || tokens.get(i).equalsIgnoreCase("and") || tokens.get(i).equals("&&");
            if (!end) {
                term.add(tokens.get(i));
                continue;
            }
            Optional<MemberOf> requirement = comparison(term);
            if (requirement.isPresent()) {
                requirements.add(requirement.get());
            } else {
                left.add(String.join(" ", term.stream().map(t -> t.replace(String.valueOf(QueryTokens.QUOTED), "")).toList())
                        .replace(" ,", ",").replace("[ ", "[").replace(" ]", "]").replace("( ", "(")
                        .replace(" )", ")"));
            }
            term.clear();
        }
        return requirements;
    }

    /**
     * Whether the expression is comparisons joined by {@code and} only: no {@code or}, no {@code not} (but
     * {@code not in}), no parenthesis other than an in-list's.
     */
    private static boolean conjunction(List<String> tokens) {
        for (int i = 0; i < tokens.size(); i++) {
            String token = tokens.get(i).toLowerCase(Locale.ROOT);
            if (List.of("or", "||", "not", "!").contains(token)
                    && !(token.equals("not") && i + 1 < tokens.size() && tokens.get(i + 1).equalsIgnoreCase("in"))) {
                return false;
            }
            if (token.equals("(") && (i == 0 || !List.of("in", "not_in", "!in")
                    .contains(tokens.get(i - 1).toLowerCase(Locale.ROOT)))) {
                return false;
            }
        }
        return true;
    }

    /** One comparison {@code subject op value} or {@code subject in [a, b]} on a translatable attribute. */
    private static Optional<MemberOf> comparison(List<String> term) {
        if (term.size() < 3 || !ATTRIBUTES.contains(term.get(0))) {
            return Optional.empty();
        }
        String subject = term.get(0);
        String operator = term.get(1).toLowerCase(Locale.ROOT);
        int valuesFrom = 2;
        if (operator.equals("not") && term.get(2).equalsIgnoreCase("in")) {
            operator = "not_in";
            valuesFrom = 3;
        }
        List<String> values;
        String kubeOperator;
        switch (operator) {
            case "==", "equals", "!=", "not_equals" -> {
                if (term.size() != 3) {
                    return Optional.empty();
                }
                values = List.of(unquote(term.get(2)));
                kubeOperator = operator.equals("==") || operator.equals("equals") ? "In" : "NotIn";
            }
            case "in", "not_in", "!in" -> {
                values = list(term.subList(valuesFrom, term.size()));
                kubeOperator = operator.equals("in") ? "In" : "NotIn";
            }
            default -> {
                return Optional.empty();
            }
        }
        if (values.isEmpty() || !values.stream().allMatch(v -> LABEL_VALUE.matcher(v).matches())) {
            return Optional.empty();
        }
        boolean architecture = subject.equals("attribute:" + ClusterNodes.ARCHITECTURE);
        return Optional.of(new MemberOf(subject.substring("attribute:".length()), kubeOperator, values.stream()
                .map(v -> architecture ? kubeArchitecture(v) : v).distinct().toList()));
    }

    /** {@code [a, b]} or {@code (a, b)}; empty when malformed. */
    private static List<String> list(List<String> tokens) {
        if (tokens.size() < 3) {
            return List.of();
        }
        String open = tokens.get(0);
        String close = tokens.get(tokens.size() - 1);
        if (!(open.equals("[") && close.equals("]") || open.equals("(") && close.equals(")"))) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        for (int i = 1; i < tokens.size() - 1; i++) {
            boolean comma = (i % 2) == 0;
            if (comma != tokens.get(i).equals(",") || !comma && List.of("[", "]", "(", ")").contains(tokens.get(i))) {
                return List.of();
            }
            if (!comma) {
                values.add(unquote(tokens.get(i)));
            }
        }
        return tokens.size() % 2 == 1 ? values : List.of();
    }

    private static String unquote(String token) {
        return !token.isEmpty() && token.charAt(0) == QueryTokens.QUOTED ? token.substring(1) : token;
    }

    /** Kubernetes's name of an ECS architecture ({@code x86_64} → {@code amd64}). */
    static String kubeArchitecture(String ecs) {
        return ecs.equals("x86_64") ? "amd64" : ecs;
    }
}
