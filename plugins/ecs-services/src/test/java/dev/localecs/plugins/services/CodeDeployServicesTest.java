package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.EcsAction;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.error.ErrorCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Services with the CODE_DEPLOY deployment controller: a PRIMARY task set made from the service at CreateService,
 * further task sets as CodeDeploy makes them, the primary switched and the old one drained, and UpdateService
 * limited to what ECS lets it change.
 */
class CodeDeployServicesTest {
    private static final String LOAD_BALANCERS = "[{\"containerName\":\"app\",\"containerPort\":80}]";
    private final ServiceFixture fixture = new ServiceFixture();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context,
            ServiceStore.of(fixture.context));

    private JsonNode createService(int desired) {
        return fixture.create("{\"serviceName\":\"bg\",\"taskDefinition\":\"web\",\"desiredCount\":" + desired
                + ",\"loadBalancers\":" + LOAD_BALANCERS + ",\"deploymentController\":{\"type\":\"CODE_DEPLOY\"}}");
    }

    private JsonNode call(EcsAction action, String body) {
        return fixture.context.call(action, body);
    }

    @Test
    void createServiceMakesAPrimaryTaskSetWhoseTasksRun() {
        JsonNode service = createService(2);
        assertThat(service.at("/deploymentController/type").asText()).isEqualTo("CODE_DEPLOY");
        assertThat(service.get("deployments")).as("ECS answers no deployments for CODE_DEPLOY").isEmpty();
        assertThat(service.has("currentServiceDeployment")).isFalse();
        assertThat(service.get("currentServiceRevisions")).isEmpty();
        JsonNode primary = service.at("/taskSets/0");
        assertThat(service.get("taskSets")).hasSize(1);
        String id = primary.get("id").asText();
        assertThat(id).matches("ecs-svc/\\d{19}");
        assertThat(primary.get("taskSetArn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:task-set/default/bg/" + id);
        assertThat(primary.get("status").asText()).isEqualTo("PRIMARY");
        assertThat(primary.get("taskDefinition").asText()).isEqualTo(service.get("taskDefinition").asText());
        assertThat(primary.at("/scale/value").asDouble()).isEqualTo(100.0);
        assertThat(primary.get("computedDesiredCount").asInt()).isEqualTo(2);
        assertThat(primary.get("launchType").asText()).isEqualTo("EC2");
        assertThat(primary.get("loadBalancers")).as("the service's load balancers")
                .isEqualTo(service.get("loadBalancers"));

        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).hasSize(2).allSatisfy(spec -> {
            assertThat(spec.startedBy()).contains(id);
            assertThat(spec.group()).isEqualTo("service:bg");
        });
        fixture.runAll("bg");
        scheduler.reconcileAll();
        JsonNode described = fixture.describe("bg");
        assertThat(described.get("runningCount").asInt()).isEqualTo(2);
        assertThat(described.at("/taskSets/0/runningCount").asInt()).isEqualTo(2);
        assertThat(described.at("/taskSets/0/stabilityStatus").asText()).isEqualTo("STEADY_STATE");
        assertThat(described.get("deployments")).isEmpty();
        scheduler.reconcileAll();
        assertThat(fixture.describe("bg").get("events")).extracting(event -> event.get("message").asText())
                .as("newest first, each said once").satisfiesExactly(
                        message -> assertThat(message).isEqualTo("(service bg) has reached a steady state."),
                        message -> assertThat(message).isEqualTo("(service bg, taskSet " + id
                                + ") updated state to STEADY_STATE."),
                        message -> assertThat(message).matches("\\(service bg, taskSet " + id
                                + "\\) has started 2 tasks: \\(task [0-9a-f]{32}\\) \\(task [0-9a-f]{32}\\)\\."));
    }

    @Test
    void aSecondTaskSetTakesOverAndTheFirstDrains() {
        String blue = createService(1).at("/taskSets/0/id").asText();
        scheduler.reconcileAll();
        fixture.runAll("bg");
        fixture.definition("web", "bridge");
        JsonNode green = call(new CreateTaskSetAction(fixture.context), "{\"cluster\":\"default\",\"service\":\"bg\","
                + "\"taskDefinition\":\"web:2\",\"externalId\":\"d-ABCDEF123\",\"loadBalancers\":" + LOAD_BALANCERS
                + "}").get("taskSet");
        assertThat(green.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(green.get("startedBy").asText()).as("ECS: a task set CodeDeploy made").isEqualTo("CODE_DEPLOY");
        String greenId = green.get("id").asText();
        scheduler.reconcileAll();
        fixture.runAll("bg");
        scheduler.reconcileAll();
        assertThat(fixture.describe("bg").get("runningCount").asInt()).as("both task sets run").isEqualTo(2);

        call(new UpdateServicePrimaryTaskSetAction(fixture.context), "{\"cluster\":\"default\",\"service\":\"bg\","
                + "\"primaryTaskSet\":\"" + green.get("taskSetArn").asText() + "\"}");
        JsonNode switched = fixture.describe("bg");
        assertThat(switched.get("taskDefinition").asText()).endsWith("task-definition/web:2");
        assertThat(switched.get("taskSets")).extracting(set -> set.get("id").asText() + " " + set.get("status")
                .asText()).containsExactlyInAnyOrder(blue + " ACTIVE", greenId + " PRIMARY");

        call(new DeleteTaskSetAction(fixture.context), "{\"cluster\":\"default\",\"service\":\"bg\",\"taskSet\":\""
                + blue + "\",\"force\":true}");
        scheduler.reconcileAll();
        scheduler.reconcileAll();
        JsonNode after = fixture.describe("bg");
        assertThat(after.get("taskSets")).singleElement()
                .satisfies(set -> assertThat(set.get("id").asText()).isEqualTo(greenId));
        assertThat(after.get("runningCount").asInt()).isEqualTo(1);
        assertThat(fixture.live("bg")).singleElement()
                .satisfies(task -> assertThat(task.startedBy()).isEqualTo(greenId));
        assertThat(fixture.context.tasks().launches()).extracting(RunTaskSpec::startedBy)
                .as("one task each, none replaced").hasSize(2);
    }

    @Test
    void updateServiceScalesTheTaskSetsAndTakesWhatEcsAllows() {
        createService(1);
        JsonNode updated = fixture.update("{\"service\":\"bg\",\"desiredCount\":3,"
                + "\"healthCheckGracePeriodSeconds\":30,\"propagateTags\":\"SERVICE\",\"enableExecuteCommand\":true,"
                + "\"deploymentConfiguration\":{\"maximumPercent\":150},\"forceNewDeployment\":false}");
        assertThat(updated.get("desiredCount").asInt()).isEqualTo(3);
        assertThat(updated.at("/taskSets/0/computedDesiredCount").asInt()).as("the task set follows at once")
                .isEqualTo(3);
        assertThat(updated.get("healthCheckGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(updated.get("propagateTags").asText()).isEqualTo("SERVICE");
        assertThat(updated.get("enableExecuteCommand").asBoolean()).isTrue();
        assertThat(updated.at("/deploymentConfiguration/maximumPercent").asInt()).isEqualTo(150);
        assertThat(updated.get("deployments")).isEmpty();
        scheduler.reconcileAll();
        assertThat(fixture.live("bg")).hasSize(3);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "\"taskDefinition\":\"web\"|task definition",
        "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":[\"s\"]}}|network parameters",
        "\"forceNewDeployment\":true|network parameters",
        "\"loadBalancers\":[]|load balancers",
        "\"platformVersion\":\"1.4.0\"|platform version"})
    void updateServiceRefusesWhatOnlyCodeDeployMayChange(String member, String words) {
        createService(1);
        refused(() -> fixture.update("{\"service\":\"bg\",\"desiredCount\":2," + member + "}"),
                ErrorCode.INVALID_PARAMETER, "Unable to update " + words + " on services with a CODE_DEPLOY "
                        + "deployment controller. Use AWS CodeDeploy to trigger a new deployment.");
        assertThat(fixture.describe("bg").get("desiredCount").asInt()).as("nothing changed").isEqualTo(1);
    }

    @Test
    void codeDeployNeedsATaskDefinitionAndAReplicaService() {
        refused(() -> fixture.create("{\"serviceName\":\"bg\",\"desiredCount\":1,"
                        + "\"deploymentController\":{\"type\":\"CODE_DEPLOY\"}}"), ErrorCode.INVALID_PARAMETER,
                "Task Definition can not be blank.");
        refused(() -> fixture.create("{\"serviceName\":\"bg\",\"taskDefinition\":\"web\",\"schedulingStrategy\":"
                        + "\"DAEMON\",\"deploymentController\":{\"type\":\"CODE_DEPLOY\"}}"),
                ErrorCode.INVALID_PARAMETER, "The DAEMON scheduling strategy does not support the CODE_DEPLOY "
                        + "deployment controller.");
    }

    @Test
    void deletingTheServiceStopsEveryTaskSetsTasks() {
        createService(2);
        scheduler.reconcileAll();
        fixture.runAll("bg");
        fixture.delete("{\"service\":\"bg\",\"force\":true}");
        scheduler.reconcileAll();
        assertThat(fixture.live("bg")).isEmpty();
        scheduler.reconcileAll();
        assertThat(fixture.describe("bg").get("status").asText()).isEqualTo("INACTIVE");
    }
}
