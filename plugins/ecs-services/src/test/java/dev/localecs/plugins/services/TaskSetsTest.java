package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Services with the EXTERNAL deployment controller: task sets, their tasks, counts and statuses. */
class TaskSetsTest {
    private final ServiceFixture fixture = new ServiceFixture();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context,
            ServiceStore.of(fixture.context));

    private JsonNode createService(int desired) {
        return fixture.create("{\"serviceName\":\"ext\",\"taskDefinition\":\"web\",\"desiredCount\":" + desired
                + ",\"deploymentController\":{\"type\":\"EXTERNAL\"}}");
    }

    private JsonNode createSet(String scale) {
        return fixture.context.call(new CreateTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                + "\"service\":\"ext\",\"taskDefinition\":\"web\",\"externalId\":\"blue\""
                + (scale == null ? "" : ",\"scale\":" + scale) + "}").get("taskSet");
    }

    private JsonNode describe(String id) {
        return fixture.context.call(new DescribeTaskSetsAction(fixture.context), "{\"cluster\":\"default\","
                + "\"service\":\"ext\",\"taskSets\":[\"" + id + "\"]}");
    }

    @Test
    void aTaskSetRunsItsShareOfTheDesiredCountAndReachesASteadyState() {
        createService(3);
        JsonNode set = createSet("{\"value\":50,\"unit\":\"PERCENT\"}");
        String id = set.get("id").asText();
        assertThat(id).matches("ecs-svc/\\d{19}");
        assertThat(set.get("taskSetArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-set/default/ext/" + id);
        assertThat(set.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(set.get("computedDesiredCount").asInt()).as("ceil(3 × 50 %)").isEqualTo(2);
        assertThat(set.get("stabilityStatus").asText()).isEqualTo("STABILIZING");

        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).hasSize(2).allSatisfy(spec -> {
            assertThat(spec.startedBy()).contains(id);
            assertThat(spec.group()).isEqualTo("service:ext");
        });
        assertThat(describe(id).at("/taskSets/0/pendingCount").asInt()).isEqualTo(2);

        fixture.runAll("ext");
        scheduler.reconcileAll();
        JsonNode described = describe(id).at("/taskSets/0");
        assertThat(described.get("runningCount").asInt()).isEqualTo(2);
        assertThat(described.get("pendingCount").asInt()).isZero();
        assertThat(described.get("stabilityStatus").asText()).isEqualTo("STEADY_STATE");
        JsonNode service = fixture.describe("ext");
        assertThat(service.get("runningCount").asInt()).as("the service counts its task sets' tasks").isEqualTo(2);
        assertThat(service.get("deployments")).as("EXTERNAL services deploy through task sets").isEmpty();
        assertThat(service.has("currentServiceDeployment")).as("no service deployment of its own").isFalse();
        assertThat(service.at("/taskSets/0/id").asText()).isEqualTo(id);

        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).as("nothing more to start").hasSize(2);
    }

    @Test
    void scalingDownStopsTasksAndDeletingDrainsTheSet() {
        createService(2);
        String id = createSet(null).get("id").asText();
        scheduler.reconcileAll();
        fixture.runAll("ext");
        scheduler.reconcileAll();
        assertThat(fixture.live("ext")).hasSize(2);

        JsonNode updated = fixture.context.call(new UpdateTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                + "\"service\":\"ext\",\"taskSet\":\"" + id + "\",\"scale\":{\"value\":50,\"unit\":\"PERCENT\"}}")
                .get("taskSet");
        assertThat(updated.get("computedDesiredCount").asInt()).isEqualTo(1);
        scheduler.reconcileAll();
        assertThat(fixture.live("ext")).hasSize(1);

        refused(() -> fixture.context.call(new DeleteTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                        + "\"service\":\"ext\",\"taskSet\":\"" + id + "\"}"), ErrorCode.INVALID_PARAMETER,
                "The task set " + id + " has not been scaled down to zero; scale it to 0 with UpdateTaskSet or "
                        + "delete it with force.");
        JsonNode deleted = fixture.context.call(new DeleteTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                + "\"service\":\"ext\",\"taskSet\":\"" + id + "\",\"force\":true}").get("taskSet");
        assertThat(deleted.get("status").asText()).isEqualTo("DRAINING");
        scheduler.reconcileAll();
        assertThat(fixture.live("ext")).isEmpty();
        scheduler.reconcileAll();
        assertThat(describe(id).at("/failures/0/reason").asText()).as("gone once drained").isEqualTo("MISSING");
    }

    @Test
    void aDrainingTaskSetStaysUntilItsTasksHaveStopped() {
        createService(1);
        String id = createSet(null).get("id").asText();
        scheduler.reconcileAll();
        fixture.runAll("ext");
        scheduler.reconcileAll();
        String task = ServiceFixture.id(fixture.live("ext").getFirst());
        // a task whose containers take their stop timeout: told to stop, not stopped yet
        fixture.context.tasks().change(task, Map.of("desiredStatus", "STOPPED", "lastStatus", "DEACTIVATING"));
        fixture.context.call(new DeleteTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                + "\"service\":\"ext\",\"taskSet\":\"" + id + "\",\"force\":true}");
        scheduler.reconcileAll();
        assertThat(describe(id).at("/taskSets/0/status").asText()).as("still draining").isEqualTo("DRAINING");

        fixture.context.tasks().change(task, Map.of("lastStatus", "STOPPED"));
        scheduler.reconcileAll();
        assertThat(describe(id).at("/failures/0/reason").asText()).as("gone once stopped").isEqualTo("MISSING");
    }

    @Test
    void theServiceSchedulerLeavesExternalServicesToTheirTaskSets() {
        createService(2);
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).as("no task set, no task").isEmpty();
    }

    @Test
    void updateServicePrimaryTaskSetSwapsThePrimary() {
        createService(1);
        String blue = createSet(null).get("id").asText();
        String green = createSet("{\"value\":0,\"unit\":\"PERCENT\"}").get("id").asText();
        JsonNode primary = fixture.context.call(new UpdateServicePrimaryTaskSetAction(fixture.context),
                "{\"cluster\":\"default\",\"service\":\"ext\",\"primaryTaskSet\":\"" + blue + "\"}").get("taskSet");
        assertThat(primary.get("status").asText()).isEqualTo("PRIMARY");
        fixture.context.call(new UpdateServicePrimaryTaskSetAction(fixture.context),
                "{\"cluster\":\"default\",\"service\":\"ext\",\"primaryTaskSet\":\"" + green + "\"}");
        assertThat(describe(blue).at("/taskSets/0/status").asText()).isEqualTo("ACTIVE");
        assertThat(describe(green).at("/taskSets/0/status").asText()).isEqualTo("PRIMARY");
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).extracting(RunTaskSpec::startedBy)
                .as("a 0 % task set runs nothing").allSatisfy(by -> assertThat(by).contains(blue)).hasSize(1);
    }

    @Test
    void taskSetsNeedATaskSetControllerAndAKnownTaskSet() {
        fixture.create("{\"serviceName\":\"ecs\",\"taskDefinition\":\"web\",\"desiredCount\":1}");
        refused(() -> fixture.context.call(new CreateTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                        + "\"service\":\"ecs\",\"taskDefinition\":\"web\"}"), ErrorCode.INVALID_PARAMETER,
                "Amazon ECS only supports task set management on services configured to use external deployment "
                        + "controllers.");
        createService(1);
        refused(() -> fixture.context.call(new UpdateTaskSetAction(fixture.context), "{\"cluster\":\"default\","
                        + "\"service\":\"ext\",\"taskSet\":\"ecs-svc/1\",\"scale\":{\"value\":5}}"),
                ErrorCode.TASK_SET_NOT_FOUND, "The specified task set does not exist.");
        refused(() -> createSet("{\"value\":150,\"unit\":\"PERCENT\"}"), ErrorCode.INVALID_PARAMETER,
                "Scale value must be between 0 and 100.");
    }

    @Test
    void anExternalServiceNeedsNoTaskDefinitionUntilATaskSetIsPrimary() {
        JsonNode created = fixture.create("{\"serviceName\":\"ext\",\"desiredCount\":2,"
                + "\"deploymentController\":{\"type\":\"EXTERNAL\"}}");
        assertThat(created.has("taskDefinition")).as("none given, none answered").isFalse();
        assertThat(created.get("deployments")).isEmpty();
        assertThat(created.get("taskSets")).isEmpty();
        assertThat(created.get("launchType").asText()).isEqualTo("EC2");
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).as("nothing to run yet").isEmpty();

        String id = createSet(null).get("id").asText();
        fixture.context.call(new UpdateServicePrimaryTaskSetAction(fixture.context),
                "{\"cluster\":\"default\",\"service\":\"ext\",\"primaryTaskSet\":\"" + id + "\"}");
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).hasSize(2);
        assertThat(fixture.describe("ext").get("taskDefinition").asText())
                .as("the primary task set's task definition is the service's")
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-definition/web:1");
    }

    @Test
    void aClientTokenMakesCreateTaskSetIdempotentWithinTheCluster() {
        createService(2);
        String request = "{\"cluster\":\"default\",\"service\":\"ext\",\"taskDefinition\":\"web\","
                + "\"clientToken\":\"token-1\",\"scale\":{\"value\":50,\"unit\":\"PERCENT\"}}";
        JsonNode first = fixture.context.call(new CreateTaskSetAction(fixture.context), request).get("taskSet");
        JsonNode again = fixture.context.call(new CreateTaskSetAction(fixture.context), request.replace(
                "\"service\":\"ext\"", "\"service\":\"arn:aws:ecs:us-east-1:000000000000:service/default/ext\""))
                .get("taskSet");
        assertThat(again.get("id").asText()).as("the same call by ARN answers the first task set")
                .isEqualTo(first.get("id").asText());
        assertThat(again.has("clientToken")).as("the token is kept, never answered").isFalse();
        assertThat(fixture.describe("ext").get("taskSets")).singleElement()
                .satisfies(set -> assertThat(set.has("clientRequest")).isFalse());

        refused(() -> fixture.context.call(new CreateTaskSetAction(fixture.context),
                        request.replace("\"value\":50", "\"value\":60")), ErrorCode.CONFLICT,
                "The client token token-1 was already used for a CreateTaskSet request with different parameters.");
        fixture.create("{\"serviceName\":\"other\",\"desiredCount\":1,\"deploymentController\":{\"type\":"
                + "\"EXTERNAL\"}}");
        refused(() -> fixture.context.call(new CreateTaskSetAction(fixture.context),
                        request.replace("\"service\":\"ext\"", "\"service\":\"other\"")), ErrorCode.CONFLICT,
                "The client token token-1 was already used for a CreateTaskSet request with different parameters.");
        JsonNode another = fixture.context.call(new CreateTaskSetAction(fixture.context),
                request.replace("token-1", "token-2")).get("taskSet");
        assertThat(another.get("id").asText()).as("another token, another task set")
                .isNotEqualTo(first.get("id").asText());
    }

    @Test
    void aServiceHoldsAtMostFiveTaskSets() {
        createService(1);
        for (int i = 0; i < TaskSets.MAX_PER_SERVICE; i++) {
            createSet("{\"value\":0,\"unit\":\"PERCENT\"}");
        }
        refused(() -> createSet(null), ErrorCode.INVALID_PARAMETER,
                "5 deployments exist on the service. Unable to create new TaskSet since this exceeds the maximum "
                        + "limit.");
    }

    @Test
    void aTaskSetWhoseTasksFailToStartBacksOff() {
        createService(1);
        createSet(null);
        scheduler.reconcileAll();
        Task failed = fixture.live("ext").getFirst();
        String id = ServiceFixture.id(failed);
        fixture.context.tasks().change(id, Map.of("desiredStatus", "STOPPED", "lastStatus", "STOPPED",
                "stopCode", "TaskFailedToStart", "stoppedReason", "CannotPullContainerError: pull access denied"));
        scheduler.onTaskChange(fixture.context.tasks().find("default", id).orElseThrow());
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).as("backing off").hasSize(1);

        fixture.clock.advance(Duration.ofSeconds(6));
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).as("retried after the backoff").hasSize(2);
    }

    @Test
    void theNetworkingSeesEveryTaskSetsLoadBalancers() {
        createService(1);
        String balancer = ",\"loadBalancers\":[{\"containerName\":\"app\",\"containerPort\":80}]";
        for (String external : new String[] {"blue", "green"}) {
            fixture.context.call(new CreateTaskSetAction(fixture.context), "{\"cluster\":\"default\",\"service\":"
                    + "\"ext\",\"taskDefinition\":\"web\",\"externalId\":\"" + external + "\"" + balancer + "}");
        }
        var seen = ServiceNetworks.view(ServiceStore.of(fixture.context).find("default", "ext").orElseThrow());
        assertThat(seen.members().path("loadBalancers")).as("one front door for both task sets").hasSize(1);
        assertThat(seen.members().at("/loadBalancers/0/containerPort").asInt()).isEqualTo(80);
        assertThat(seen.deployments()).as("the task sets").hasSize(2);
    }
}
