package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import org.junit.jupiter.api.Test;

/** Express gateway services run as ECS services: task definition, service, front door, update, delete. */
class ExpressGatewayServicesTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/";
    private final ServiceFixture fixture = new ServiceFixture();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context,
            ServiceStore.of(fixture.context));

    private JsonNode create(String extra) {
        return fixture.context.call(new CreateExpressGatewayServiceAction(fixture.context), "{\"executionRoleArn\":\""
                + ROLE + "exec\",\"infrastructureRoleArn\":\"" + ROLE + "infra\",\"primaryContainer\":{\"image\":"
                + "\"nginx:1.27\",\"containerPort\":8080}" + extra + "}").get("service");
    }

    @Test
    void anExpressServiceRunsAsAServiceBehindTheFrontDoor() {
        JsonNode created = create(",\"serviceName\":\"shop\",\"cpu\":\"512\",\"scalingTarget\":{\"minTaskCount\":2,"
                + "\"maxTaskCount\":4}");
        String arn = "arn:aws:ecs:us-east-1:000000000000:service/default/shop";
        assertThat(created.get("serviceArn").asText()).isEqualTo(arn);
        assertThat(created.at("/status/statusCode").asText()).isEqualTo("ACTIVE");
        JsonNode configuration = created.at("/activeConfigurations/0");
        assertThat(configuration.get("cpu").asText()).isEqualTo("512");
        assertThat(configuration.get("memory").asText()).as("default").isEqualTo("512");
        assertThat(configuration.get("healthCheckPath").asText()).as("default").isEqualTo("/ping");
        assertThat(configuration.at("/ingressPaths/0/endpoint").asText()).isEqualTo("http://127.0.0.1:8080");
        assertThat(configuration.get("serviceRevisionArn").asText())
                .startsWith("arn:aws:ecs:us-east-1:000000000000:service-revision/default/shop/");

        JsonNode service = fixture.describe("shop");
        assertThat(service.get("desiredCount").asInt()).as("minTaskCount").isEqualTo(2);
        assertThat(service.get("launchType").asText()).isEqualTo("FARGATE");
        assertThat(service.at("/loadBalancers/0/containerPort").asInt()).isEqualTo(8080);
        assertThat(service.has(ExpressGatewayServices.MEMBER)).as("not answered by DescribeServices").isFalse();
        TaskDefinition definition = fixture.context.taskDefinitions().resolve(service.get("taskDefinition").asText())
                .orElseThrow();
        assertThat(definition.family()).isEqualTo("shop");
        assertThat(definition.cpu()).isEqualTo("512");
        assertThat(definition.networkMode()).isEqualTo("awsvpc");
        assertThat(definition.containerDefinitions()).singleElement().satisfies(container -> {
            assertThat(container.name()).isEqualTo("Main");
            assertThat(container.image()).isEqualTo("nginx:1.27");
        });
        scheduler.reconcileAll();
        assertThat(fixture.context.tasks().launches()).hasSize(2);

        JsonNode updated = fixture.context.call(new UpdateExpressGatewayServiceAction(fixture.context),
                "{\"serviceArn\":\"" + arn + "\",\"memory\":\"1024\",\"scalingTarget\":{\"minTaskCount\":1}}")
                .get("service");
        assertThat(updated.at("/targetConfiguration/memory").asText()).isEqualTo("1024");
        assertThat(updated.at("/targetConfiguration/cpu").asText()).as("kept").isEqualTo("512");
        service = fixture.describe("shop");
        assertThat(service.get("taskDefinition").asText()).endsWith("task-definition/shop:2");
        assertThat(service.get("desiredCount").asInt()).isEqualTo(1);

        JsonNode described = fixture.context.call(new DescribeExpressGatewayServiceAction(fixture.context),
                "{\"serviceArn\":\"" + arn + "\"}").get("service");
        assertThat(described.at("/activeConfigurations/0/memory").asText()).isEqualTo("1024");

        JsonNode deleted = fixture.context.call(new DeleteExpressGatewayServiceAction(fixture.context),
                "{\"serviceArn\":\"" + arn + "\"}").get("service");
        assertThat(deleted.at("/status/statusCode").asText()).isEqualTo("DRAINING");
        refused(() -> fixture.context.call(new DeleteExpressGatewayServiceAction(fixture.context),
                "{\"serviceArn\":\"" + arn + "\"}"), ErrorCode.SERVICE_NOT_ACTIVE, "Service was not ACTIVE.");
    }

    @Test
    void aNameIsGeneratedAndBadInputIsRefused() {
        JsonNode created = create("");
        assertThat(created.get("serviceName").asText()).matches("nginx-[a-z0-9]{6}");
        refused(() -> fixture.context.call(new DescribeExpressGatewayServiceAction(fixture.context),
                        "{\"serviceArn\":\"arn:aws:ecs:us-east-1:000000000000:service/default/nope\"}"),
                ErrorCode.RESOURCE_NOT_FOUND, "The Express service arn:aws:ecs:us-east-1:000000000000:service/"
                        + "default/nope does not exist.");
        fixture.create("{\"serviceName\":\"plain\",\"taskDefinition\":\"web\",\"desiredCount\":0}");
        refused(() -> fixture.context.call(new UpdateExpressGatewayServiceAction(fixture.context),
                        "{\"serviceArn\":\"arn:aws:ecs:us-east-1:000000000000:service/default/plain\"}"),
                ErrorCode.SERVICE_NOT_FOUND, "Service not found.");
        refused(() -> create(",\"scalingTarget\":{\"minTaskCount\":3,\"maxTaskCount\":2}"),
                ErrorCode.INVALID_PARAMETER, "scalingTarget.minTaskCount must be at least 0 and at most "
                        + "maxTaskCount.");
        refused(() -> fixture.context.call(new CreateExpressGatewayServiceAction(fixture.context),
                        "{\"executionRoleArn\":\"r\",\"infrastructureRoleArn\":\"r\",\"primaryContainer\":{}}"),
                ErrorCode.INVALID_PARAMETER, "primaryContainer.image is required.");
    }
}
