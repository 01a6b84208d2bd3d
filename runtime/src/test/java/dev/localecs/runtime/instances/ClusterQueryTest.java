package dev.localecs.runtime.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ClusterQueryTest {
    private static final QueryTarget INSTANCE = new QueryTarget(Map.of("ecs.os-type", "linux",
            "ecs.instance-type", "local", "ecs.cpu-architecture", "x86_64", "color", "blue", "flag", "",
            "weight", "10"), "i-0123456789abcdef0", true, "1.20.3", Instant.parse("2026-06-18T22:28:28Z"), 2,
            Set.of("service:web", "family:batch"));

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '#', value = {
        "attribute:ecs.os-type == linux # true",
        "attribute:ecs.os-type != linux # false",
        "attribute:ecs.os-type equals linux # true",
        "attribute:ecs.os-type not_equals windows # true",
        "attribute:color==blue # true",
        "attribute:ecs.instance-type in [t2.small, local] # true",
        "attribute:ecs.instance-type in (t2.small, t2.medium) # false",
        "attribute:ecs.instance-type not_in [t2.small] # true",
        "attribute:ecs.instance-type !in [local] # false",
        "attribute:flag exists # true",
        "attribute:size exists # false",
        "attribute:size !exists # true",
        "attribute:size not_exists # true",
        "attribute:ecs.cpu-architecture =~ x86.* # true",
        "attribute:ecs.cpu-architecture matches arm.* # false",
        "attribute:ecs.cpu-architecture !~ arm.* # true",
        "attribute:weight > 9 # true",
        "attribute:weight <= 9 # false",
        "attribute:color == red or attribute:color == blue and attribute:flag exists # true",
        "attribute:color == blue or attribute:color == red and attribute:size exists # true",
        "(attribute:color == blue or attribute:color == red) and attribute:size exists # false",
        "attribute:color == red || attribute:ecs.os-type == linux && attribute:size !exists # true",
        "not attribute:color == red # true",
        "!(attribute:color == blue) # false",
        "not (attribute:color == blue and attribute:flag exists) # false",
        "ec2InstanceId == i-0123456789abcdef0 # true",
        "ec2InstanceId =~ i-0123.* # true",
        "agentConnected == true # true",
        "agentVersion >= 1.9.0 # true",
        "agentVersion < 1.20.10 # true",
        "registeredAt > 2026-06-18 # true",
        "registeredAt < 2026-06-18T22:28:28+00:00 # false",
        "registeredAt >= 2026-06-18T22:28:28 # true",
        "runningTasksCount > 1 # true",
        "runningTasksCount == 3 # false",
        "task:group == service:web # true",
        "task:group != service:api # true",
        "task:group in [service:api, family:batch] # true",
        "task:group =~ service:.* # true",
        "attribute:color == \"blue\" # true",
    })
    void evaluatesExpressionsAsEcsDoes(String expression, boolean expected) {
        assertThat(ClusterQuery.parse(expression).test(INSTANCE)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "attribute:color", "attribute:color ==", "color == blue",
        "attribute:color ~~ blue", "(attribute:color == blue", "attribute:color == blue)",
        "attribute:color == blue and", "attribute:color in blue", "attribute:color in [blue",
        "runningTasksCount > many", "runningTasksCount exists", "registeredAt > yesterday", "ec2InstanceId > i-1",
        "attribute:color =~ [", "attribute:color == \"blue", "attribute:color == blue attribute:flag exists"})
    void refusesInvalidExpressions(String expression) {
        assertThatThrownBy(() -> ClusterQuery.parse(expression)).isInstanceOf(ClusterQuery.QuerySyntaxException.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "attribute:a==b&&attribute:c!=d | attribute:a,==,b,&&,attribute:c,!=,d",
        "!(x == y) | !,(,x,==,y,)",
        "t in [a,b] | t,in,[,a,,,b,]",
    })
    void tokenisesOperatorsWithoutSpaces(String expression, String tokens) {
        assertThat(String.join(",", ClusterQuery.tokens(expression))).isEqualTo(tokens);
    }
}
