package dev.localecs.plugins.instances;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.testing.FakePluginContext;
import org.junit.jupiter.api.Test;

/** The container-instance actions against the in-memory plugin context. */
class InstanceActionsTest {
    private final FakePluginContext context = new FakePluginContext();
    private final String arn = context.arns().localContainerInstance("default");
    private final String id = arn.substring(arn.lastIndexOf('/') + 1);

    @Test
    void describeAnswersTheLocalInstanceByIdOrArnAndMissingForOthers() {
        JsonNode answer = context.call(new DescribeContainerInstancesAction(context), "{\"containerInstances\":[\""
                + id + "\",\"" + arn + "\",\"0123\"],\"include\":[\"CONTAINER_INSTANCE_HEALTH\"]}");

        assertThat(answer.get("containerInstances")).hasSize(1);
        assertThat(answer.at("/containerInstances/0/healthStatus/overallStatus").asText()).isEqualTo("OK");
        assertThat(answer.at("/failures/0/arn").asText())
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:container-instance/default/0123");
        assertThat(answer.at("/failures/0/reason").asText()).isEqualTo("MISSING");
    }

    @Test
    void attributesNeedALocalTargetAndValidNames() {
        JsonNode put = context.call(new PutAttributesAction(context), "{\"attributes\":[{\"name\":\"stack\","
                + "\"value\":\"blue\",\"targetId\":\"" + id + "\"}]}");
        assertThat(put.at("/attributes/0/targetId").asText()).isEqualTo(arn);
        assertThat(put.at("/attributes/0/targetType").asText()).isEqualTo("container-instance");
        assertThat(context.call(new ListAttributesAction(context), "{\"targetType\":\"container-instance\","
                + "\"attributeName\":\"stack\",\"attributeValue\":\"blue\"}").get("attributes")).hasSize(1);

        assertThatThrownBy(() -> context.call(new PutAttributesAction(context), "{\"attributes\":[{\"name\":"
                + "\"stack\",\"targetId\":\"" + context.arns().localContainerInstance("other") + "\"}]}"))
                .isInstanceOfSatisfying(EcsException.class, e ->
                        assertThat(e.code().awsCode()).isEqualTo("TargetNotFoundException"));
        assertThatThrownBy(() -> context.call(new PutAttributesAction(context), "{\"attributes\":[{\"name\":"
                + "\"ecs.os-type\",\"targetId\":\"" + id + "\"}]}")).hasMessageContaining("is reserved");
        assertThatThrownBy(() -> context.call(new PutAttributesAction(context), "{\"attributes\":[{\"name\":"
                + "\"stack\",\"value\":\" padded\",\"targetId\":\"" + id + "\"}]}"))
                .hasMessageContaining("is invalid");
    }

    @Test
    void aDeregisteredInstanceIsNotFoundUntilRegisteredAgain() {
        context.call(new DeregisterContainerInstanceAction(context), "{\"containerInstance\":\"" + arn + "\"}");

        assertThat(context.call(new ListContainerInstancesAction(context), "{}").get("containerInstanceArns")).isEmpty();
        assertThatThrownBy(() -> context.call(new UpdateContainerAgentAction(context), "{\"containerInstance\":\""
                + id + "\"}")).hasMessage("The referenced container instance was not found.");
        JsonNode registered = context.call(new RegisterContainerInstanceAction(context), "{\"tags\":[{\"key\":\"a\","
                + "\"value\":\"b\"}]}");
        assertThat(registered.at("/containerInstance/containerInstanceArn").asText()).isEqualTo(arn);
        assertThat(registered.at("/containerInstance/tags/0/key").asText()).isEqualTo("a");
        assertThatThrownBy(() -> context.call(new UpdateContainerAgentAction(context), "{\"containerInstance\":\""
                + id + "\"}")).isInstanceOfSatisfying(EcsException.class, e ->
                assertThat(e.code().awsCode()).isEqualTo("NoUpdateAvailableException"));
    }
}
