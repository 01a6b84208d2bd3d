package dev.localecs.plugins.gateways;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.EcsAction;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Cluster;
import dev.localecs.testing.FakePluginContext;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The gateway actions against the fake runtime: lifecycle, associations, validation, errors, restart. */
class GatewayActionsTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/ecsInfrastructure";
    private static final String ARN = "arn:aws:ecs:us-east-1:000000000000:gateway/";

    @TempDir
    Path state;

    private FakePluginContext context = new FakePluginContext();

    private JsonNode call(EcsAction action, String body) {
        return context.call(action, body);
    }

    private JsonNode create(String name, String extra) {
        return call(new CreateGatewayAction(context), "{\"name\":\"" + name + "\",\"infrastructureRoleArn\":\"" + ROLE
                + "\",\"configuration\":{\"hostSharedAlb\":{\"networkConfiguration\":{\"subnets\":[\"subnet-1\"]}}}"
                + extra + "}");
    }

    private JsonNode describe(String gateway) {
        return call(new DescribeGatewayAction(context), "{\"gateway\":\"" + gateway + "\"}").get("gateway");
    }

    private void cluster(String name) {
        context.clusters().put(context.json().convertValue(Map.of("clusterName", name, "clusterArn",
                context.arns().cluster(name), "status", "ACTIVE"), Cluster.class));
    }

    private static void refused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessageContaining(message);
    }

    @Test
    void createDescribeUpdateAndDeleteWithEcsDefaults() {
        JsonNode created = create("edge", ",\"tags\":[{\"key\":\"team\",\"value\":\"web\"}]");
        assertThat(created.get("gatewayArn").asText()).isEqualTo(ARN + "edge");
        assertThat(created.get("status").asText()).isEqualTo("ACTIVE");

        JsonNode gateway = describe("edge");
        assertThat(gateway.get("infrastructureRoleArn").asText()).isEqualTo(ROLE);
        assertThat(gateway.get("deletionProtection").asBoolean()).isFalse();
        assertThat(gateway.get("accessType").asText()).isEqualTo("PUBLIC");
        assertThat(gateway.get("propagateTags").asText()).isEqualTo("NONE");
        JsonNode alb = gateway.at("/configuration/hostSharedAlb");
        assertThat(alb.get("protocol").asText()).isEqualTo("HTTP");
        assertThat(alb.get("port").asInt()).isEqualTo(80);
        assertThat(alb.get("scheme").asText()).isEqualTo("internet-facing");
        assertThat(alb.get("maxAlbCount").asInt()).isEqualTo(10);
        assertThat(alb.get("currentAlbCount").asInt()).isZero();
        assertThat(alb.get("httpDesync").asText()).isEqualTo("defensive");
        assertThat(alb.at("/networkConfiguration/subnets/0").asText()).isEqualTo("subnet-1");
        assertThat(gateway.at("/tags/0/key").asText()).isEqualTo("team");
        assertThat(describe(ARN + "edge").get("name").asText()).as("by ARN").isEqualTo("edge");

        JsonNode updated = call(new UpdateGatewayAction(context), "{\"gateway\":\"edge\",\"deletionProtection\":true,"
                + "\"configuration\":{\"hostSharedAlb\":{\"maxAlbCount\":3,\"networkConfiguration\":"
                + "{\"inboundSecurityGroup\":\"sg-1\"}}}}");
        assertThat(updated.get("status").asText()).isEqualTo("ACTIVE");
        gateway = describe("edge");
        assertThat(gateway.get("deletionProtection").asBoolean()).isTrue();
        assertThat(gateway.at("/configuration/hostSharedAlb/maxAlbCount").asInt()).isEqualTo(3);
        assertThat(gateway.at("/configuration/hostSharedAlb/networkConfiguration/inboundSecurityGroup").asText())
                .isEqualTo("sg-1");
        assertThat(gateway.at("/configuration/hostSharedAlb/networkConfiguration/subnets/0").asText())
                .as("kept").isEqualTo("subnet-1");

        refused(() -> call(new DeleteGatewayAction(context), "{\"gateway\":\"edge\"}"), ErrorCode.INVALID_PARAMETER,
                "deletion protection enabled");
        call(new UpdateGatewayAction(context), "{\"gateway\":\"edge\",\"deletionProtection\":false}");
        assertThat(call(new DeleteGatewayAction(context), "{\"gateway\":\"edge\"}").get("status").asText())
                .isEqualTo("DELETED");
        refused(() -> describe("edge"), ErrorCode.GATEWAY_NOT_FOUND, "The specified gateway wasn't found.");
        assertThat(context.tags().tags(ARN + "edge")).isEmpty();
    }

    @Test
    void createIsCheckedAsEcsChecksIt() {
        create("edge", "");
        refused(() -> create("edge", ""), ErrorCode.CONFLICT, "A gateway named 'edge' already exists.");
        assertThat(create("tok", ",\"clientToken\":\"t\"").get("gatewayArn"))
                .isEqualTo(create("tok", ",\"clientToken\":\"t\"").get("gatewayArn"));
        refused(() -> create("bad name", ""), ErrorCode.INVALID_PARAMETER, "Invalid gateway name 'bad name'");
        refused(() -> call(new CreateGatewayAction(context), "{\"name\":\"x\",\"infrastructureRoleArn\":\"role\","
                + "\"configuration\":{\"hostSharedAlb\":{}}}"), ErrorCode.INVALID_PARAMETER,
                "Invalid infrastructureRoleArn 'role'");
        refused(() -> call(new CreateGatewayAction(context), "{\"name\":\"x\",\"infrastructureRoleArn\":\"" + ROLE
                + "\",\"configuration\":{}}"), ErrorCode.INVALID_PARAMETER, "must specify hostSharedAlb");
        refused(() -> call(new CreateGatewayAction(context), "{\"name\":\"x\",\"infrastructureRoleArn\":\"" + ROLE
                + "\"}"), ErrorCode.INVALID_PARAMETER, "configuration is required.");
        refused(() -> call(new CreateGatewayAction(context), "{\"name\":\"x\",\"infrastructureRoleArn\":\"" + ROLE
                + "\",\"configuration\":{\"hostSharedAlb\":{\"protocol\":\"TCP\"}}}"), ErrorCode.INVALID_PARAMETER,
                "Invalid protocol 'TCP'. Valid values: HTTP, HTTPS.");
        refused(() -> call(new CreateGatewayAction(context), "{\"name\":\"x\",\"infrastructureRoleArn\":\"" + ROLE
                + "\",\"configuration\":{\"hostSharedAlb\":{\"maxAlbCount\":11}}}"), ErrorCode.INVALID_PARAMETER,
                "maxAlbCount must be between 1 and 10.");
        JsonNode https = call(new CreateGatewayAction(context), "{\"name\":\"tls\",\"infrastructureRoleArn\":\"" + ROLE
                + "\",\"configuration\":{\"hostSharedAlb\":{\"protocol\":\"HTTPS\",\"scheme\":\"internal\"}}}");
        assertThat(describe(https.get("gatewayArn").asText()).at("/configuration/hostSharedAlb/port").asInt())
                .isEqualTo(443);
        assertThat(describe("tls").get("accessType").asText()).isEqualTo("PRIVATE");
        refused(() -> describe("arn:aws:ecs:us-east-1:000000000000:cluster/x"), ErrorCode.INVALID_PARAMETER,
                "Invalid gateway ARN");
    }

    @Test
    void associationsNeedAClusterAndBlockDeletion() {
        create("edge", "");
        cluster("web");
        refused(() -> call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"edge\",\"cluster\":"
                + "\"missing\"}"), ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
        refused(() -> call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"nope\",\"cluster\":"
                + "\"web\"}"), ErrorCode.GATEWAY_NOT_FOUND, "wasn't found");
        JsonNode associated = call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"edge\","
                + "\"cluster\":\"" + context.arns().cluster("web") + "\"}");
        assertThat(associated.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(associated.get("clusterArn").asText()).isEqualTo(context.arns().cluster("web"));
        refused(() -> call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"edge\",\"cluster\":"
                + "\"web\"}"), ErrorCode.INVALID_PARAMETER, "already associated with cluster web");
        refused(() -> call(new DeleteGatewayAction(context), "{\"gateway\":\"edge\"}"), ErrorCode.RESOURCE_IN_USE,
                "associated with clusters web");

        JsonNode listed = call(new ListGatewayClusterAssociationsAction(context), "{\"cluster\":\"web\"}");
        assertThat(listed.findValuesAsText("gatewayArn")).containsExactly(ARN + "edge");
        assertThat(call(new DisassociateGatewayFromClusterAction(context), "{\"gateway\":\"edge\",\"cluster\":"
                + "\"web\"}").get("status").asText()).isEqualTo("INACTIVE");
        refused(() -> call(new DisassociateGatewayFromClusterAction(context), "{\"gateway\":\"edge\",\"cluster\":"
                + "\"web\"}"), ErrorCode.INVALID_PARAMETER, "is not associated with cluster web");
        assertThat(call(new ListGatewayClusterAssociationsAction(context), "{\"gateway\":\"edge\",\"status\":"
                + "[\"ACTIVE\"]}").get("gatewayClusterAssociations")).isEmpty();
        assertThat(call(new ListGatewayClusterAssociationsAction(context), "{\"gateway\":\"edge\"}")
                .findValuesAsText("status")).containsExactly("INACTIVE");
        assertThat(call(new DeleteGatewayAction(context), "{\"gateway\":\"edge\"}").get("status").asText())
                .isEqualTo("DELETED");
    }

    @Test
    void aClusterTakesAtMostFiveGateways() {
        cluster("web");
        for (int i = 1; i <= 6; i++) {
            create("g" + i, "");
        }
        for (int i = 1; i <= 5; i++) {
            call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"g" + i + "\",\"cluster\":\"web\"}");
        }
        refused(() -> call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"g6\",\"cluster\":"
                + "\"web\"}"), ErrorCode.CLIENT_EXCEPTION, "already associated with 5 gateways");
    }

    @Test
    void listsPagesAndFilters() {
        create("a", "");
        create("b", "");
        create("c", "");
        JsonNode page = call(new ListGatewaysAction(context), "{\"maxResults\":2}");
        assertThat(page.findValuesAsText("name")).containsExactly("a", "b");
        assertThat(call(new ListGatewaysAction(context), "{\"nextToken\":\"" + page.get("nextToken").asText()
                + "\"}").findValuesAsText("name")).containsExactly("c");
        assertThat(call(new ListGatewaysAction(context), "{\"names\":[\"b\"]}").findValuesAsText("name"))
                .containsExactly("b");
        refused(() -> call(new ListGatewaysAction(context), "{\"status\":[\"GONE\"]}"), ErrorCode.INVALID_PARAMETER,
                "Invalid status 'GONE'");
    }

    @Test
    void resourcesAndRoutesAnswerWhatExistsLocally() {
        create("edge", "");
        JsonNode resources = call(new DescribeGatewayResourcesAction(context), "{\"gateway\":\"edge\"}");
        assertThat(resources.at("/gatewayResources/gatewayArn").asText()).isEqualTo(ARN + "edge");
        assertThat(resources.at("/gatewayResources/resources/hostSharedAlb")).isEmpty();
        assertThat(call(new ListGatewayRoutesAction(context), "{\"gateway\":\"edge\"}").get("gatewayRoutes"))
                .isEmpty();
        refused(() -> call(new ListGatewayRoutesAction(context), "{\"gateway\":\"nope\"}"),
                ErrorCode.GATEWAY_NOT_FOUND, "wasn't found");
        refused(() -> call(new ListGatewayRoutesAction(context), "{\"cluster\":\"nope\"}"),
                ErrorCode.CLUSTER_NOT_FOUND, "Cluster not found.");
        refused(() -> call(new DescribeGatewayRouteAction(context), "{\"gatewayRouteArn\":\"arn:aws:ecs:us-east-1:"
                + "000000000000:gateway-route/edge/web/app\"}"), ErrorCode.RESOURCE_NOT_FOUND,
                "The specified gateway route wasn't found.");
        refused(() -> call(new DescribeGatewayRouteAction(context), "{\"gatewayRouteArn\":\"route\"}"),
                ErrorCode.INVALID_PARAMETER, "Invalid gateway route ARN 'route'");
    }

    @Test
    void gatewaysAndAssociationsSurviveARestart() {
        context = new FakePluginContext().config("state.dir", state.toString());
        cluster("web");
        create("edge", "");
        call(new AssociateGatewayWithClusterAction(context), "{\"gateway\":\"edge\",\"cluster\":\"web\"}");

        context = new FakePluginContext().config("state.dir", state.toString());
        cluster("web");
        assertThat(describe("edge").get("gatewayArn").asText()).isEqualTo(ARN + "edge");
        refused(() -> call(new DeleteGatewayAction(context), "{\"gateway\":\"edge\"}"), ErrorCode.RESOURCE_IN_USE,
                "associated with clusters web");
    }
}
