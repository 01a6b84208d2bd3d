package dev.localecs.plugins.services;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ListServiceDeployments, DescribeServiceDeployments, DescribeServiceRevisions, StopServiceDeployment and
 * ListServicesByNamespace against the fake runtime, with the scheduler stepped by hand.
 */
class ServiceDeploymentActionsTest {
    private static final String PREFIX = "arn:aws:ecs:us-east-1:000000000000:";
    private final ServiceFixture fixture = new ServiceFixture();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context, ServiceStore.of(fixture.context));

    private JsonNode call(dev.localecs.api.EcsAction action, String body) {
        return fixture.context.call(action, body);
    }

    private List<String> texts(JsonNode array, String member) {
        List<String> values = new ArrayList<>();
        array.forEach(item -> values.add(item.get(member).asText()));
        return values;
    }

    @Test
    void deploymentsAndRevisionsAreListedDescribedAndStopped() {
        JsonNode created = fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}");
        String firstRevision = created.at("/deployments/0/id").asText().substring("ecs-svc/".length());
        scheduler.reconcileAll();
        fixture.runAll("web");
        scheduler.reconcileAll();
        fixture.definition("web", "bridge");
        JsonNode updated = fixture.update("{\"service\":\"web\",\"taskDefinition\":\"web:2\"}");
        String secondRevision = updated.at("/deployments/0/id").asText().substring("ecs-svc/".length());
        scheduler.reconcileAll();

        JsonNode listed = call(new ListServiceDeploymentsAction(fixture.context), "{\"service\":\"web\"}")
                .get("serviceDeployments");
        assertThat(texts(listed, "status")).containsExactly("IN_PROGRESS", "SUCCESSFUL");
        assertThat(texts(listed, "serviceDeploymentArn")).allSatisfy(arn -> assertThat(arn)
                .matches(PREFIX + "service-deployment/default/web/[A-Za-z0-9]{21}"));
        assertThat(texts(listed, "targetServiceRevisionArn")).containsExactly(
                PREFIX + "service-revision/default/web/" + secondRevision,
                PREFIX + "service-revision/default/web/" + firstRevision);
        assertThat(texts(call(new ListServiceDeploymentsAction(fixture.context),
                "{\"service\":\"web\",\"status\":[\"SUCCESSFUL\"]}").get("serviceDeployments"), "status"))
                .containsExactly("SUCCESSFUL");
        assertThat(fixture.describe("web").get("currentServiceDeployment").asText())
                .isEqualTo(listed.at("/0/serviceDeploymentArn").asText());

        String current = listed.at("/0/serviceDeploymentArn").asText();
        JsonNode described = call(new DescribeServiceDeploymentsAction(fixture.context),
                "{\"serviceDeploymentArns\":[\"" + current + "\",\"" + PREFIX
                        + "service-deployment/default/web/nope\"]}");
        JsonNode deployment = described.at("/serviceDeployments/0");
        assertThat(deployment.at("/targetServiceRevision/arn").asText()).endsWith("/" + secondRevision);
        assertThat(deployment.at("/targetServiceRevision/requestedTaskCount").asInt()).isEqualTo(1);
        assertThat(deployment.at("/sourceServiceRevisions/0/arn").asText()).endsWith("/" + firstRevision);
        assertThat(deployment.at("/sourceServiceRevisions/0/runningTaskCount").asInt()).isEqualTo(1);
        assertThat(deployment.at("/deploymentCircuitBreaker/status").asText()).isEqualTo("DISABLED");
        assertThat(described.at("/failures/0/reason").asText()).isEqualTo("MISSING");

        JsonNode revision = call(new DescribeServiceRevisionsAction(fixture.context),
                "{\"serviceRevisionArns\":[\"" + PREFIX + "service-revision/default/web/" + firstRevision + "\"]}")
                .at("/serviceRevisions/0");
        assertThat(revision.get("taskDefinition").asText()).endsWith("task-definition/web:1");
        assertThat(revision.get("launchType").asText()).isEqualTo("EC2");
        assertThat(revision.at("/containerImages/0/image").asText()).isEqualTo("busybox");

        JsonNode stopped = call(new StopServiceDeploymentAction(fixture.context),
                "{\"serviceDeploymentArn\":\"" + current + "\"}");
        assertThat(stopped.get("serviceDeploymentArn").asText()).isEqualTo(current);
        JsonNode service = fixture.describe("web");
        assertThat(service.get("taskDefinition").asText()).as("rolled back").endsWith("web:1");
        assertThat(call(new ListServiceDeploymentsAction(fixture.context), "{\"service\":\"web\"}")
                .at("/serviceDeployments/0/status").asText()).isEqualTo("ROLLBACK_IN_PROGRESS");
        ServiceFixture.refused(() -> fixture.context.handle(new StopServiceDeploymentAction(fixture.context),
                "{\"serviceDeploymentArn\":\"" + current + "\"}"), ErrorCode.CONFLICT,
                "The service deployment " + current + " is ROLLBACK_IN_PROGRESS; only a deployment in progress can "
                        + "be stopped.");
        ServiceFixture.refused(() -> fixture.context.handle(new StopServiceDeploymentAction(fixture.context),
                "{\"serviceDeploymentArn\":\"" + PREFIX + "service-deployment/default/web/nope\"}"),
                ErrorCode.SERVICE_DEPLOYMENT_NOT_FOUND, "The service deployment does not exist.");

        scheduler.reconcileAll();
        fixture.runAll("web");
        scheduler.reconcileAll();
        scheduler.reconcileAll();
        assertThat(call(new ListServiceDeploymentsAction(fixture.context), "{\"service\":\"web\"}")
                .at("/serviceDeployments/0/status").asText()).isEqualTo("ROLLBACK_SUCCESSFUL");
    }

    @Test
    void servicesAreListedByTheirServiceConnectNamespace() {
        fixture.create("{\"serviceName\":\"a\",\"taskDefinition\":\"web\",\"desiredCount\":0,"
                + "\"serviceConnectConfiguration\":{\"enabled\":true,\"namespace\":\"shop\"}}");
        fixture.create("{\"serviceName\":\"b\",\"taskDefinition\":\"web\",\"desiredCount\":0,"
                + "\"serviceConnectConfiguration\":{\"enabled\":true,\"namespace\":\"other\"}}");
        fixture.create("{\"serviceName\":\"c\",\"taskDefinition\":\"web\",\"desiredCount\":0}");
        JsonNode listed = call(new ListServicesByNamespaceAction(fixture.context), "{\"namespace\":\"shop\"}");
        List<String> arns = new ArrayList<>();
        listed.get("serviceArns").forEach(arn -> arns.add(arn.asText()));
        assertThat(arns).containsExactly(PREFIX + "service/default/a");
    }

    @Test
    void continueServiceDeploymentAnswersThatNoHookIsPaused() {
        fixture.create("{\"serviceName\":\"web\",\"taskDefinition\":\"web\",\"desiredCount\":1}");
        String current = fixture.describe("web").get("currentServiceDeployment").asText();
        ServiceFixture.refused(() -> fixture.context.handle(new ContinueServiceDeploymentAction(fixture.context),
                "{\"serviceDeploymentArn\":\"" + current + "\",\"hookId\":\"ecs-pause-1\"}"),
                ErrorCode.INVALID_PARAMETER, "The lifecycle hook ecs-pause-1 of service deployment " + current
                        + " (IN_PROGRESS) is not awaiting action: local-ecs-api service deployments do not pause at "
                        + "lifecycle hooks.");
        ServiceFixture.refused(() -> fixture.context.handle(new ContinueServiceDeploymentAction(fixture.context),
                "{\"serviceDeploymentArn\":\"" + PREFIX + "service-deployment/default/web/nope\",\"hookId\":\"h\"}"),
                ErrorCode.SERVICE_DEPLOYMENT_NOT_FOUND, "The service deployment does not exist.");
        ServiceFixture.refused(() -> fixture.context.handle(new ContinueServiceDeploymentAction(fixture.context),
                "{\"serviceDeploymentArn\":\"" + current + "\",\"hookId\":\"h\",\"action\":\"SKIP\"}"),
                ErrorCode.INVALID_PARAMETER, "Invalid action 'SKIP'. Valid values: ROLLBACK, CONTINUE.");
    }
}
