package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The memberOf comparisons that have a Kubernetes form, read from ECS's cluster query language. */
class MemberOfTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "attribute:ecs.availability-zone == us-east-1a | ecs.availability-zone | In | us-east-1a",
        "attribute:ecs.availability-zone equals 'us-east-1a' | ecs.availability-zone | In | us-east-1a",
        "attribute:ecs.instance-type != t3.micro | ecs.instance-type | NotIn | t3.micro",
        "attribute:ecs.instance-type not_equals t3.micro | ecs.instance-type | NotIn | t3.micro",
        "attribute:ecs.cpu-architecture in [x86_64, arm64] | ecs.cpu-architecture | In | amd64;arm64",
        "attribute:ecs.cpu-architecture == x86_64 | ecs.cpu-architecture | In | amd64",
        "attribute:ecs.os-type not_in (windows) | ecs.os-type | NotIn | windows",
        "attribute:ecs.availability-zone not in [us-east-1c, us-east-1d] | ecs.availability-zone | NotIn | us-east-1c;us-east-1d",
        "attribute:ecs.availability-zone !in (us-east-1c) | ecs.availability-zone | NotIn | us-east-1c",
    })
    void aComparisonOfANodeAttributeTranslates(String expression, String attribute, String operator,
                                               String values) {
        List<String> left = new ArrayList<>();
        assertThat(MemberOf.translate(expression, left)).containsExactly(new MemberOf(attribute, operator,
                List.of(values.split(";"))));
        assertThat(left).isEmpty();
    }

    @Test
    void theComparisonsOfAConjunctionThatTranslateAreKept() {
        List<String> left = new ArrayList<>();
        assertThat(MemberOf.translate("attribute:ecs.cpu-architecture == arm64 && attribute:ecs.instance-type =~ "
                + "t2.* and attribute:ecs.availability-zone in ['us-east-1a', us-east-1b]", left)).containsExactly(
                new MemberOf("ecs.cpu-architecture", "In", List.of("arm64")),
                new MemberOf("ecs.availability-zone", "In", List.of("us-east-1a", "us-east-1b")));
        assertThat(left).containsExactly("attribute:ecs.instance-type =~ t2.*");
    }

    @Test
    void anExpressionWithOrNotOrGroupingTranslatesNotAtAll() {
        for (String expression : List.of(
                "attribute:ecs.os-type == linux or attribute:ecs.availability-zone == us-east-1a",
                "attribute:ecs.os-type == linux and not attribute:ecs.availability-zone == us-east-1a",
                "attribute:ecs.os-type == linux and (attribute:ecs.availability-zone == us-east-1a)")) {
            List<String> left = new ArrayList<>();
            assertThat(MemberOf.translate(expression, left)).as(expression).isEmpty();
            assertThat(left).containsExactly(expression);
        }
    }

    @Test
    void malformedListsAndValuesThatAreNoLabelValuesDoNotTranslate() {
        for (String expression : List.of("attribute:ecs.os-type in [linux, ]", "attribute:ecs.os-type in linux",
                "attribute:ecs.os-type in [linux", "attribute:ecs.os-type == t2.*",
                "attribute:ecs.os-type == linux extra")) {
            List<String> left = new ArrayList<>();
            assertThat(MemberOf.translate(expression, left)).as(expression).isEmpty();
            assertThat(left).as(expression).hasSize(1);
        }
    }
}
