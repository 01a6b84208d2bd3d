package dev.localecs.plugins.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.CapacityProvider;
import dev.localecs.api.model.CapacityProviderStrategyItem;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.testing.FakePluginContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RunTask, DescribeTasks, ListTasks and StopTask against a fake context: validation, answers, failures. */
class TaskActionsTest {
    private FakePluginContext context;
    private RunTaskAction run;

    @BeforeEach
    void register() {
        context = new FakePluginContext();
        run = new RunTaskAction(context);
        definition("web", null, "bridge");
        definition("vpc", "FARGATE", "awsvpc");
    }

    private void definition(String family, String compatibility, String mode) {
        context.taskDefinitions().register(family, revision -> context.json().convertValue(Map.of(
                "family", family, "revision", revision, "status", "ACTIVE", "networkMode", mode,
                "taskDefinitionArn", context.arns().taskDefinition(family, revision),
                "compatibilities", compatibility == null ? List.of("EC2") : List.of("EC2", compatibility),
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox"))), TaskDefinition.class));
    }

    private static void refused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessage(message);
    }

    @Test
    void runTaskLaunchesCountTasksWithTheRequestedOptions() {
        JsonNode answer = context.call(run, "{\"taskDefinition\":\"web\",\"count\":2,\"startedBy\":\"ci\","
                + "\"overrides\":{\"containerOverrides\":[{\"name\":\"app\",\"command\":[\"true\"]}]},"
                + "\"tags\":[{\"key\":\"team\",\"value\":\"web\"}]}");
        assertThat(answer.get("tasks")).hasSize(2);
        assertThat(answer.get("failures")).isEmpty();
        assertThat(answer.at("/tasks/0/lastStatus").asText()).isEqualTo("PENDING");
        assertThat(context.tasks().launches()).hasSize(2);
        var spec = context.tasks().launches().get(0);
        assertThat(spec.startedBy()).hasValue("ci");
        assertThat(spec.group()).isEqualTo("family:web");
        assertThat(spec.launchType()).isEqualTo("EC2");
        assertThat(spec.overrides().orElseThrow().containerOverrides().get(0).command()).containsExactly("true");
        assertThat(context.tags().tags(answer.at("/tasks/0/taskArn").asText())).hasSize(1);
    }

    @Test
    void runTaskRefusesWhatEcsRefuses() {
        refused(() -> context.call(run, "{\"taskDefinition\":\"nope\"}"), ErrorCode.CLIENT_EXCEPTION,
                "Unable to describe task definition.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"cluster\":\"ghost\"}"),
                ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"count\":11}"), ErrorCode.INVALID_PARAMETER,
                "count must be between 1 and 10.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"vpc\",\"launchType\":\"FARGATE\"}"),
                ErrorCode.INVALID_PARAMETER,
                "Network Configuration must be provided when networkMode 'awsvpc' is specified.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"overrides\":{\"containerOverrides\":"
                + "[{\"name\":\"ghost\"}]}}"), ErrorCode.INVALID_PARAMETER,
                "Container override names 'ghost', which is not a container of task definition web.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"overrides\":\"x\"}"),
                ErrorCode.SERIALIZATION, "Invalid value at 'overrides': expected a structure.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"launchType\":\"FARGATE\"}"),
                ErrorCode.CLIENT_EXCEPTION, "Task definition does not support launch_type FARGATE.");
        assertThat(context.tasks().launches()).isEmpty();
    }

    @Test
    void theClustersDefaultStrategyDecidesALaunchWithoutOne() {
        context.capacityProviders().put(new CapacityProvider(context.arns().capacityProvider("asg"), "asg", null,
                "ACTIVE", null, null, null, null, null, "EC2_AUTOSCALING"));
        Cluster cluster = context.clusters().find("default").orElseThrow();
        context.clusters().put(new Cluster(cluster.clusterArn(), "default", null, "ACTIVE", 0, 0, 0, 0, null, null,
                List.of(), List.of("FARGATE", "asg"), List.of(new CapacityProviderStrategyItem("FARGATE", 1, 0),
                new CapacityProviderStrategyItem("asg", 3, 0)), List.of(), null, null));

        context.call(run, "{\"taskDefinition\":\"web\"}");
        context.call(run, "{\"taskDefinition\":\"web\",\"launchType\":\"EC2\"}");

        assertThat(context.tasks().launches().get(0).launchType()).isEqualTo("EC2");
        assertThat(context.tasks().launches().get(0).capacityProviderName()).as("the highest weight").hasValue("asg");
        assertThat(context.tasks().launches().get(1).capacityProviderName()).isEmpty();
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"capacityProviderStrategy\":"
                + "[{\"capacityProvider\":\"gone\"}]}"), ErrorCode.INVALID_PARAMETER,
                "The specified capacity provider gone was not found.");
    }

    @Test
    void ec2TasksArePlacedOnTheContainerInstance() {
        context.containerInstances().updateStatus("default", context.arns().localContainerInstance("default"),
                "DRAINING");

        refused(() -> context.call(run, "{\"taskDefinition\":\"web\"}"), ErrorCode.INVALID_PARAMETER,
                "No Container Instances were found in your cluster.");
        refused(() -> context.call(run, "{\"taskDefinition\":\"web\",\"placementConstraints\":[{\"type\":"
                + "\"distinctInstance\",\"expression\":\"x\"}]}"), ErrorCode.INVALID_PARAMETER,
                "An expression cannot be specified for a distinctInstance placement constraint.");
        assertThat(context.tasks().launches()).isEmpty();
        JsonNode started = context.call(new StartTaskAction(context), "{\"taskDefinition\":\"web\","
                + "\"containerInstances\":[\"" + context.arns().localContainerInstance("default") + "\"]}");
        assertThat(started.get("tasks")).isEmpty();
        assertThat(started.at("/failures/0/reason").asText()).isEqualTo("DRAINING");
    }

    @Test
    void aRepeatedClientTokenAnswersTheFirstTasks() {
        JsonNode first = context.call(run, "{\"taskDefinition\":\"web\",\"clientToken\":\"t-1\"}");
        JsonNode again = context.call(run, "{\"taskDefinition\":\"web\",\"clientToken\":\"t-1\"}");
        assertThat(again.at("/tasks/0/taskArn")).isEqualTo(first.at("/tasks/0/taskArn"));
        assertThat(context.tasks().launches()).hasSize(1);
    }

    @Test
    void describeTasksAnswersMissingForUnknownIdsAndTagsOnlyWhenIncluded() {
        JsonNode ran = context.call(run, "{\"taskDefinition\":\"web\",\"tags\":[{\"key\":\"k\",\"value\":\"v\"}],"
                + "\"propagateTags\":\"NONE\"}");
        String arn = ran.at("/tasks/0/taskArn").asText();
        DescribeTasksAction describe = new DescribeTasksAction(context);
        JsonNode answer = context.call(describe, "{\"tasks\":[\"" + arn + "\",\"0123456789abcdef0123456789abcdef\"]}");
        assertThat(answer.at("/tasks/0/taskArn").asText()).isEqualTo(arn);
        assertThat(answer.at("/tasks/0/tags").isMissingNode()).isTrue();
        assertThat(answer.at("/failures/0/reason").asText()).isEqualTo("MISSING");
        assertThat(answer.at("/failures/0/arn").asText())
                .isEqualTo(context.arns().task("default", "0123456789abcdef0123456789abcdef"));
        refused(() -> context.call(describe, "{\"tasks\":[]}"), ErrorCode.INVALID_PARAMETER, "Tasks cannot be empty.");
    }

    @Test
    void listAndStopTasks() {
        String arn = context.call(run, "{\"taskDefinition\":\"web\"}").at("/tasks/0/taskArn").asText();
        ListTasksAction list = new ListTasksAction(context);
        assertThat(context.call(list, "{}").get("taskArns")).extracting(JsonNode::asText).containsExactly(arn);
        assertThat(context.call(list, "{\"desiredStatus\":\"STOPPED\"}").get("taskArns")).isEmpty();

        StopTaskAction stop = new StopTaskAction(context);
        JsonNode stopped = context.call(stop, "{\"task\":\"" + arn + "\",\"reason\":\"done\"}");
        assertThat(stopped.at("/task/desiredStatus").asText()).isEqualTo("STOPPED");
        assertThat(stopped.at("/task/stoppedReason").asText()).isEqualTo("done");
        assertThat(context.call(list, "{\"desiredStatus\":\"STOPPED\"}").get("taskArns")).hasSize(1);
        refused(() -> context.call(stop, "{\"task\":\"0123456789abcdef0123456789abcdef\"}"),
                ErrorCode.INVALID_PARAMETER, "The referenced task was not found.");
    }

    @Test
    void listTasksPagesAndAnswersNothingForDesiredStatusPending() {
        List<String> arns = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            arns.add(context.call(run, "{\"taskDefinition\":\"web\"}").at("/tasks/0/taskArn").asText());
        }
        ListTasksAction list = new ListTasksAction(context);
        // ECS never sets a task's desired status to PENDING, so asking for it answers nothing
        assertThat(context.call(list, "{\"desiredStatus\":\"PENDING\"}").get("taskArns")).isEmpty();

        JsonNode first = context.call(list, "{\"maxResults\":2}");
        JsonNode second = context.call(list, "{\"maxResults\":2,\"nextToken\":\"" + first.get("nextToken").asText()
                + "\"}");
        JsonNode third = context.call(list, "{\"maxResults\":2,\"nextToken\":\"" + second.get("nextToken").asText()
                + "\"}");
        List<String> paged = new java.util.ArrayList<>();
        for (JsonNode page : List.of(first, second, third)) {
            page.get("taskArns").forEach(arn -> paged.add(arn.asText()));
        }
        assertThat(paged).containsExactlyInAnyOrderElementsOf(arns).doesNotHaveDuplicates();
        assertThat(third.has("nextToken")).isFalse();
        assertThat(second.get("taskArns")).hasSize(2);
        refused(() -> context.call(list, "{\"maxResults\":101}"), ErrorCode.INVALID_PARAMETER,
                "maxResults must be between 1 and 100.");
    }
}
