package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.testing.FakePluginContext;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The service actions against the fake runtime: validation, answers, errors, listing and persistence. */
class ServiceActionsTest {
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:service/default/";
    private final ServiceFixture fixture = new ServiceFixture();

    @Test
    void createAnswersTheServiceWithDefaultsAndStoresEveryMember() {
        JsonNode service = fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2,"
                + "\"tags\":[{\"key\":\"team\",\"value\":\"a\"}],\"placementStrategy\":[{\"type\":\"spread\","
                + "\"field\":\"attribute:ecs.availability-zone\"}],\"healthCheckGracePeriodSeconds\":30,"
                + "\"serviceConnectConfiguration\":{\"enabled\":false},\"role\":\"ecsServiceRole\"}");

        assertThat(service.get("serviceArn").asText()).isEqualTo(ARN + "web");
        assertThat(service.get("clusterArn").asText()).isEqualTo("arn:aws:ecs:us-east-1:000000000000:cluster/default");
        assertThat(service.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(service.get("desiredCount").asInt()).isEqualTo(2);
        assertThat(service.get("runningCount").asInt()).isZero();
        assertThat(service.get("launchType").asText()).isEqualTo("EC2");
        assertThat(service.get("schedulingStrategy").asText()).isEqualTo("REPLICA");
        assertThat(service.get("taskDefinition").asText()).endsWith(":task-definition/web:1");
        assertThat(service.at("/deploymentConfiguration/maximumPercent").asInt()).isEqualTo(200);
        assertThat(service.at("/deploymentConfiguration/minimumHealthyPercent").asInt()).isEqualTo(100);
        assertThat(service.at("/deploymentConfiguration/deploymentCircuitBreaker/enable").asBoolean()).isFalse();
        assertThat(service.at("/deploymentController/type").asText()).isEqualTo("ECS");
        assertThat(service.at("/placementStrategy/0/type").asText()).isEqualTo("spread");
        assertThat(service.get("healthCheckGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(service.get("roleArn").asText()).isEqualTo("arn:aws:iam::000000000000:role/ecsServiceRole");
        assertThat(service.get("loadBalancers")).isEmpty();
        assertThat(service.has("tags")).as("tags only on include TAGS").isFalse();
        JsonNode deployment = service.at("/deployments/0");
        assertThat(deployment.get("id").asText()).matches("ecs-svc/\\d{19}");
        assertThat(deployment.get("status").asText()).isEqualTo("PRIMARY");
        assertThat(deployment.get("rolloutState").asText()).isEqualTo("IN_PROGRESS");
        assertThat(deployment.get("desiredCount").asInt()).isEqualTo(2);
        assertThat(deployment.at("/serviceConnectConfiguration/enabled").asBoolean()).isFalse();

        JsonNode described = fixture.describe("web");
        assertThat(described.at("/tags/0/key").asText()).isEqualTo("team");
        assertThat(fixture.context.services().count("default", "EC2", "ACTIVE")).isEqualTo(1);
    }

    @Test
    void describeReportsUnknownServicesAsMissing() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":0}");
        JsonNode answer = fixture.context.call(new DescribeServicesAction(fixture.context),
                "{\"services\":[\"" + ARN + "web\",\"nope\"]}");
        assertThat(answer.at("/services/0/serviceName").asText()).isEqualTo("web");
        assertThat(answer.get("services")).hasSize(1);
        assertThat(answer.at("/failures/0/arn").asText()).isEqualTo(ARN + "nope");
        assertThat(answer.at("/failures/0/reason").asText()).isEqualTo("MISSING");
        refused(() -> fixture.context.call(new DescribeServicesAction(fixture.context),
                "{\"cluster\":\"other\",\"services\":[\"web\"]}"), ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
    }

    @Test
    void createIsRefusedAsEcsRefusesIt() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1,\"clientToken\":\"t\"}");
        refused(() -> fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}"),
                ErrorCode.INVALID_PARAMETER, "Creation of service was not idempotent.");
        assertThat(fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1,"
                + "\"clientToken\":\"t\"}").get("serviceName").asText()).as("same client token").isEqualTo("web");
        refused(() -> fixture.create("{\"serviceName\":\"a\",\"taskDefinition\":\"web\"}"),
                ErrorCode.INVALID_PARAMETER, "desiredCount is required for the REPLICA scheduling strategy.");
        refused(() -> fixture.create("{\"serviceName\":\"a b\",\"taskDefinition\":\"web\",\"desiredCount\":1}"),
                ErrorCode.INVALID_PARAMETER, "Invalid service name 'a b'. Up to 255 letters (uppercase and "
                        + "lowercase), numbers, underscores, and hyphens are allowed.");
        refused(() -> fixture.create("{\"serviceName\":\"a\",\"desiredCount\":1}"),
                ErrorCode.INVALID_PARAMETER, "Task Definition can not be blank.");
        refused(() -> fixture.create("{\"serviceName\":\"a\",\"taskDefinition\":\"vpc\",\"desiredCount\":1}"),
                ErrorCode.INVALID_PARAMETER, "Network Configuration must be provided when networkMode 'awsvpc' is "
                        + "specified.");
        refused(() -> fixture.create("{\"serviceName\":\"a\",\"taskDefinition\":\"web\",\"desiredCount\":1,"
                + "\"launchType\":\"EC2\",\"capacityProviderStrategy\":[{\"capacityProvider\":\"FARGATE\"}]}"),
                ErrorCode.INVALID_PARAMETER, "Specifying both a launch type and capacity provider strategy is not "
                        + "supported. Remove one and try again.");
        refused(() -> fixture.create("{\"cluster\":\"nope\",\"serviceName\":\"a\",\"taskDefinition\":\"web\","
                + "\"desiredCount\":1}"), ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
        refused(() -> fixture.create("{\"serviceName\":\"a\",\"taskDefinition\":\"web\",\"desiredCount\":1,"
                + "\"deploymentConfiguration\":{\"minimumHealthyPercent\":101}}"),
                ErrorCode.INVALID_PARAMETER, "minimumHealthyPercent must be between 0 and 100.");
    }

    @Test
    void listFiltersByLaunchTypeAndStrategyAndPages() {
        fixture.create("{\"serviceName\":\"a\",\"taskDefinition\":\"web\",\"desiredCount\":0}");
        fixture.create("{\"serviceName\":\"b\",\"taskDefinition\":\"vpc\",\"desiredCount\":0,\"launchType\":\"FARGATE\","
                + "\"networkConfiguration\":{\"awsvpcConfiguration\":{\"subnets\":[\"subnet-1\"]}}}");
        fixture.create("{\"serviceName\":\"c\",\"taskDefinition\":\"web\",\"schedulingStrategy\":\"DAEMON\"}");
        ListServicesAction list = new ListServicesAction(fixture.context);

        assertThat(arns(fixture.context.call(list, "{\"launchType\":\"FARGATE\"}"))).containsExactly(ARN + "b");
        assertThat(arns(fixture.context.call(list, "{\"schedulingStrategy\":\"DAEMON\"}"))).containsExactly(ARN + "c");
        JsonNode first = fixture.context.call(list, "{\"maxResults\":2}");
        assertThat(arns(first)).containsExactly(ARN + "a", ARN + "b");
        JsonNode second = fixture.context.call(list, "{\"maxResults\":2,\"nextToken\":\""
                + first.get("nextToken").asText() + "\"}");
        assertThat(arns(second)).containsExactly(ARN + "c");
        assertThat(second.has("nextToken")).isFalse();
    }

    @Test
    void updateAndDeleteFollowTheServiceStatus() {
        refused(() -> fixture.update("{\"service\":\"web\",\"desiredCount\":1}"), ErrorCode.SERVICE_NOT_FOUND,
                "Service not found.");
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2}");
        JsonNode updated = fixture.update("{\"service\":\"" + ARN + "web\",\"desiredCount\":3,"
                + "\"deploymentConfiguration\":{\"minimumHealthyPercent\":50},\"enableExecuteCommand\":true}");
        assertThat(updated.get("desiredCount").asInt()).isEqualTo(3);
        assertThat(updated.get("deployments")).as("no new deployment for a count").hasSize(1);
        assertThat(updated.at("/deploymentConfiguration/minimumHealthyPercent").asInt()).isEqualTo(50);
        assertThat(updated.at("/deploymentConfiguration/maximumPercent").asInt()).isEqualTo(200);
        assertThat(updated.get("enableExecuteCommand").asBoolean()).isTrue();

        JsonNode forced = fixture.update("{\"service\":\"web\",\"forceNewDeployment\":true}");
        assertThat(forced.get("deployments")).hasSize(2);
        assertThat(forced.at("/deployments/0/status").asText()).isEqualTo("PRIMARY");
        assertThat(forced.at("/deployments/1/status").asText()).isEqualTo("ACTIVE");

        refused(() -> fixture.delete("{\"service\":\"web\"}"), ErrorCode.INVALID_PARAMETER,
                "The service cannot be stopped while it is scaled above 0.");
        JsonNode draining = fixture.delete("{\"service\":\"web\",\"force\":true}");
        assertThat(draining.get("status").asText()).isEqualTo("DRAINING");
        assertThat(draining.get("desiredCount").asInt()).isZero();
        assertThat(fixture.context.services().count("default", "EC2", "DRAINING")).isEqualTo(1);
        refused(() -> fixture.update("{\"service\":\"web\",\"desiredCount\":1}"), ErrorCode.SERVICE_NOT_ACTIVE,
                "Service was not ACTIVE.");
        refused(() -> fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}"),
                ErrorCode.INVALID_PARAMETER, "Creation of service was not idempotent.");
    }

    @Test
    void servicesSurviveARestartFromStateDir(@TempDir Path state) {
        ServiceFixture before = new ServiceFixture(new FakePluginContext().config("state.dir", state.toString()));
        before.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":2,"
                + "\"placementConstraints\":[{\"type\":\"distinctInstance\"}]}");

        ServiceFixture after = new ServiceFixture(new FakePluginContext().config("state.dir", state.toString()));
        JsonNode service = after.describe("web");
        assertThat(service.get("desiredCount").asInt()).isEqualTo(2);
        assertThat(service.at("/placementConstraints/0/type").asText()).isEqualTo("distinctInstance");
        assertThat(service.at("/deployments/0/id").asText())
                .isEqualTo(before.describe("web").at("/deployments/0/id").asText());
        assertThat(after.context.services().count("default", "EC2", "ACTIVE")).as("reported again at load")
                .isEqualTo(1);
        assertThat(state.resolve("services/default/web.json")).exists();
    }

    private static List<String> arns(JsonNode answer) {
        List<String> arns = new ArrayList<>();
        answer.get("serviceArns").forEach(arn -> arns.add(arn.asText()));
        return arns;
    }
}
