package dev.localecs.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.model.TaskOverride;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** ARNs, task-definition references and paging. */
class ReferencesTest {
    private final EcsArns arns = new EcsArns("eu-west-1", "123456789012");

    @Test
    void arnsHaveTheEcsShapes() {
        assertThat(arns.cluster("c")).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:cluster/c");
        assertThat(arns.taskDefinition("web", 3)).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task-definition/web:3");
        assertThat(arns.task("c", "0123456789abcdef0123456789abcdef"))
                .isEqualTo("arn:aws:ecs:eu-west-1:123456789012:task/c/0123456789abcdef0123456789abcdef");
        assertThat(arns.container("c", "t", "u")).isEqualTo("arn:aws:ecs:eu-west-1:123456789012:container/c/t/u");
        assertThat(Arn.parse(arns.task("c", "abc"))).hasValueSatisfying(arn -> {
            assertThat(arn.service()).isEqualTo("ecs");
            assertThat(arn.resourceType()).isEqualTo("task");
            assertThat(arn.resourceId()).isEqualTo("c/abc");
        });
        assertThat(Arn.parse("arn:aws:iam::123456789012:role/app")).hasValueSatisfying(arn -> {
            assertThat(arn.region()).isEmpty();
            assertThat(arn.resourceType()).isEqualTo("role");
        });
        assertThat(Arn.parse("cluster/c")).isEmpty();
        assertThat(Arn.parse("arn:aws:ecs")).isEmpty();
    }

    @Test
    void taskDefinitionReferencesTakeFamilyRevisionOrArn() {
        assertThat(TaskDefinitionRef.parse("web")).hasValue(new TaskDefinitionRef("web", OptionalInt.empty()));
        assertThat(TaskDefinitionRef.parse("web:12")).hasValue(new TaskDefinitionRef("web", OptionalInt.of(12)));
        assertThat(TaskDefinitionRef.parse(arns.taskDefinition("web_api-2", 4)))
                .hasValue(new TaskDefinitionRef("web_api-2", OptionalInt.of(4)));
        assertThat(TaskDefinitionRef.parse("web:0")).isEmpty();
        assertThat(TaskDefinitionRef.parse("web:x")).isEmpty();
        assertThat(TaskDefinitionRef.parse("../etc/passwd")).isEmpty();
        assertThat(TaskDefinitionRef.parse("arn:aws:ecs:eu-west-1:1:cluster/web")).isEmpty();
        assertThat(TaskDefinitionRef.parse("arn:aws:ecs:eu-west-1:1:task-definition/web")).isEmpty();
        assertThat(TaskDefinitionRef.parse(null)).isEmpty();
    }

    @Test
    void pagesWalkTheWholeListWithOpaqueTokens() {
        List<Integer> all = IntStream.range(0, 7).boxed().toList();
        Page<Integer> first = Page.of(all, 3, null, 100, 100);
        assertThat(first.items()).containsExactly(0, 1, 2);
        Page<Integer> second = Page.of(all, 3, first.nextToken().orElseThrow(), 100, 100);
        assertThat(second.items()).containsExactly(3, 4, 5);
        Page<Integer> last = Page.of(all, 3, second.nextToken().orElseThrow(), 100, 100);
        assertThat(last.items()).containsExactly(6);
        assertThat(last.nextToken()).isEmpty();
        assertThat(Page.of(all, null, null, 5, 100).items()).hasSize(5);
    }

    @Test
    void badPagingIsInvalidParameter() {
        for (Runnable bad : List.<Runnable>of(
                () -> Page.of(List.of(1), 0, null, 100, 100),
                () -> Page.of(List.of(1), 101, null, 100, 100),
                () -> Page.of(List.of(1), 1, "not-a-token", 100, 100))) {
            assertThatThrownBy(bad::run).isInstanceOfSatisfying(EcsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER));
        }
    }

    @Test
    void credentialsNeverPrintTheirSecret() {
        assertThat(AwsCredentials.of("AKID", "s3cr3t").toString()).contains("AKID").doesNotContain("s3cr3t");
    }

    @Test
    void clusterReferencesTakeNameArnOrNothing() {
        assertThat(ClusterRef.parse(null).name()).isEqualTo("default");
        assertThat(ClusterRef.parse("").name()).isEqualTo("default");
        assertThat(ClusterRef.parse("payments").name()).isEqualTo("payments");
        assertThat(ClusterRef.parse(arns.cluster("payments")).name()).isEqualTo("payments");
        assertThat(ClusterRef.parse(arns.task("payments", "abc")).name()).as("a task ARN names no cluster").isEmpty();
        assertThat(EcsException.clusterNotFound().code()).isEqualTo(ErrorCode.CLUSTER_NOT_FOUND);
        assertThat(EcsException.clusterNotFound()).hasMessage("Cluster not found.");
    }

    @Test
    void taskReferencesTakeIdOrArnOfTheSameCluster() {
        String id = "0123456789abcdef0123456789abcdef";
        assertThat(TaskRef.taskId("c", id)).hasValue(id);
        assertThat(TaskRef.taskId("c", arns.task("c", id))).hasValue(id);
        assertThat(TaskRef.taskId("c", arns.task("other", id))).isEmpty();
        assertThat(TaskRef.taskId("c", "arn:aws:ecs:eu-west-1:123456789012:task/" + id)).hasValue(id);
        assertThat(TaskRef.taskId("c", arns.cluster("c"))).isEmpty();
        assertThat(TaskRef.taskId("c", null)).isEmpty();
    }

    @Test
    void taskOverridesMustNameContainersOfTheDefinitionAndGiveNumbers() throws Exception {
        var json = new ObjectMapper();
        var definition = json.readValue("{\"family\":\"web\",\"containerDefinitions\":[{\"name\":\"app\"}]}",
                TaskDefinition.class);
        TaskOverrides.check(definition, json.readValue("{\"containerOverrides\":[{\"name\":\"app\"}],"
                + "\"cpu\":\"512\"}", TaskOverride.class));
        assertThatThrownBy(() -> TaskOverrides.check(definition, json.readValue(
                "{\"containerOverrides\":[{\"name\":\"ghost\"}]}", TaskOverride.class)))
                .isInstanceOfSatisfying(EcsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PARAMETER))
                .hasMessage("Container override names 'ghost', which is not a container of task definition web.");
        assertThatThrownBy(() -> TaskOverrides.check(definition, json.readValue("{\"memory\":\"lots\"}",
                TaskOverride.class)))
                .hasMessage("Task override memory must be a number of MiB, not 'lots'.");
    }
}
