package dev.localecs.plugins.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.EcsException;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Filter patterns: terms, phrases, alternatives, exclusions and JSON conditions. */
class FilterPatternTest {
    private static final List<String> LINES = List.of(
            "ERROR connection reset by peer",
            "WARN slow request",
            "INFO GET /healthcheck 200",
            "ERROR GET /healthcheck 500",
            "{\"level\": \"ERROR\", \"latency\": 250, \"user\": {\"id\": 7}, \"ok\": false}",
            "{\"level\": \"INFO\", \"latency\": 12.5, \"user\": null, \"tags\": [\"a\", \"b\"]}");

    private static List<String> matching(String pattern) {
        Predicate<String> filter = FilterPattern.parse(pattern);
        return LINES.stream().filter(filter).toList();
    }

    @Test
    void termsMustAllAppearCaseSensitively() {
        assertThat(matching("ERROR GET")).containsExactly("ERROR GET /healthcheck 500");
        assertThat(matching("error")).isEmpty();
        assertThat(matching("")).hasSize(LINES.size());
    }

    @Test
    void aQuotedPhraseMatchesAsAWhole() {
        assertThat(matching("\"connection reset\"")).containsExactly("ERROR connection reset by peer");
        assertThat(matching("\"reset connection\"")).isEmpty();
    }

    @Test
    void questionMarkTermsAreAlternatives() {
        assertThat(matching("?WARN ?reset")).containsExactly("ERROR connection reset by peer", "WARN slow request");
    }

    @Test
    void minusTermsExclude() {
        assertThat(matching("ERROR -healthcheck")).containsExactly("ERROR connection reset by peer",
                "{\"level\": \"ERROR\", \"latency\": 250, \"user\": {\"id\": 7}, \"ok\": false}");
        assertThat(matching("GET -\"500\"")).containsExactly("INFO GET /healthcheck 200");
    }

    @Test
    void jsonEqualityOnStringsQuotedOrBareAndWithWildcards() {
        assertThat(matching("{ $.level = \"ERROR\" }")).hasSize(1).allMatch(line -> line.contains("250"));
        assertThat(matching("{ $.level = INFO }")).hasSize(1).allMatch(line -> line.contains("12.5"));
        assertThat(matching("{ $.level = \"ERR*\" }")).hasSize(1).allMatch(line -> line.contains("250"));
        assertThat(matching("{ $.level != \"ERROR\" }")).hasSize(1).allMatch(line -> line.contains("INFO"));
        assertThat(matching("{ $.tags[1] = \"b\" }")).hasSize(1).allMatch(line -> line.contains("12.5"));
    }

    @Test
    void jsonNumericComparisonsAndNestedSelectors() {
        assertThat(matching("{ $.latency > 100 }")).hasSize(1).allMatch(line -> line.contains("250"));
        assertThat(matching("{ $.latency <= 12.5 }")).hasSize(1).allMatch(line -> line.contains("INFO"));
        assertThat(matching("{ $.latency = 250 }")).hasSize(1);
        assertThat(matching("{ $.user.id >= 7 }")).hasSize(1).allMatch(line -> line.contains("ERROR"));
        assertThat(matching("{ $.latency < 0 }")).isEmpty();
    }

    @Test
    void jsonConditionsCombineWithAndOrAndParentheses() {
        assertThat(matching("{ $.level = \"ERROR\" && $.latency > 1000 }")).isEmpty();
        assertThat(matching("{ ($.level = \"ERROR\" && $.latency > 100) || $.latency < 20 }")).hasSize(2);
        assertThat(matching("{ $.user IS NULL }")).hasSize(1).allMatch(line -> line.contains("INFO"));
        assertThat(matching("{ $.ok IS FALSE }")).hasSize(1).allMatch(line -> line.contains("ERROR"));
        assertThat(matching("{ $.tags NOT EXISTS }")).hasSize(1).allMatch(line -> line.contains("250"));
    }

    @Test
    void aJsonPatternNeverMatchesPlainText() {
        assertThat(matching("{ $.level = * }")).hasSize(2).allMatch(line -> line.startsWith("{"));
    }

    @Test
    void malformedPatternsAreInvalidParameters() {
        for (String pattern : List.of("{ $.level = \"ERROR\"", "{ level = 1 }", "{ $.a > \"x\" }", "\"open",
                "{ $.a = 1 && }", "[ip, user]")) {
            assertThatThrownBy(() -> FilterPattern.parse(pattern)).as(pattern)
                    .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code().awsCode())
                            .isEqualTo("InvalidParameterException"));
        }
    }
}
