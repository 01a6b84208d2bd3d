package dev.localecs.plugins.daemons;

import static dev.localecs.plugins.daemons.DaemonFixture.refused;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.TaskDefinition;
import org.junit.jupiter.api.Test;

/** RegisterDaemonTaskDefinition, Describe, List and Delete against the fake runtime. */
class DaemonTaskDefinitionActionsTest {
    private final DaemonFixture fixture = new DaemonFixture();

    private JsonNode call(Object action, String body) {
        return fixture.context.call((dev.localecs.api.EcsAction) action, body);
    }

    @Test
    void revisionsCountUpPerFamilyAndAreDescribedByFamilyRevisionOrArn() {
        assertThat(fixture.register("agent", "busybox:1"))
                .isEqualTo("arn:aws:ecs:us-east-1:000000000000:daemon-task-definition/agent:1");
        String second = fixture.register("agent", "busybox:2");
        assertThat(second).endsWith("daemon-task-definition/agent:2");
        assertThat(fixture.register("other", "busybox")).endsWith("daemon-task-definition/other:1");

        var describe = new DescribeDaemonTaskDefinitionAction(fixture.context);
        JsonNode latest = call(describe, "{\"daemonTaskDefinition\":\"agent\"}").get("daemonTaskDefinition");
        assertThat(latest.get("daemonTaskDefinitionArn").asText()).isEqualTo(second);
        assertThat(latest.get("revision").asInt()).isEqualTo(2);
        assertThat(latest.get("status").asText()).isEqualTo("ACTIVE");
        assertThat(latest.get("registeredBy").asText()).isEqualTo("arn:aws:iam::000000000000:root");
        assertThat(latest.at("/containerDefinitions/0/image").asText()).isEqualTo("busybox:2");
        assertThat(call(describe, "{\"daemonTaskDefinition\":\"agent:1\"}")
                .at("/daemonTaskDefinition/containerDefinitions/0/image").asText()).isEqualTo("busybox:1");
        assertThat(call(describe, "{\"daemonTaskDefinition\":\"" + second + "\"}")
                .at("/daemonTaskDefinition/revision").asInt()).isEqualTo(2);
        refused(() -> call(describe, "{\"daemonTaskDefinition\":\"agent:9\"}"), ErrorCode.CLIENT_EXCEPTION,
                "Unable to describe daemon task definition.");
    }

    @Test
    void registrationIsCheckedAsEcsChecksIt() {
        var register = new RegisterDaemonTaskDefinitionAction(fixture.context);
        refused(() -> call(register, "{\"family\":\"a\",\"containerDefinitions\":[]}"), ErrorCode.CLIENT_EXCEPTION,
                "Container list cannot be empty.");
        refused(() -> call(register, "{\"family\":\"a b\",\"containerDefinitions\":[{\"name\":\"x\","
                + "\"image\":\"i\"}]}"), ErrorCode.CLIENT_EXCEPTION, "Family contains invalid characters");
        refused(() -> call(register, "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"x\"}]}"),
                ErrorCode.CLIENT_EXCEPTION, "Container.image should not be null or empty.");
        refused(() -> call(register, "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"x\",\"image\":\"i\"},"
                + "{\"name\":\"x\",\"image\":\"i\"}]}"), ErrorCode.CLIENT_EXCEPTION,
                "Duplicate container name found: x.");
        refused(() -> call(register, "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"x\",\"image\":\"i\","
                + "\"mountPoints\":[{\"sourceVolume\":\"logs\",\"containerPath\":\"/l\"}]}]}"),
                ErrorCode.CLIENT_EXCEPTION, "Unknown volume 'logs'");
        refused(() -> call(register, "{\"family\":\"a\",\"pidMode\":\"host\",\"containerDefinitions\":"
                + "[{\"name\":\"x\",\"image\":\"i\"}]}"), ErrorCode.INVALID_PARAMETER,
                "Invalid pidMode 'host'. Valid values: none, shared.");
        refused(() -> call(register, "{\"family\":\"a\",\"cpu\":\"lots\",\"containerDefinitions\":"
                + "[{\"name\":\"x\",\"image\":\"i\"}]}"), ErrorCode.CLIENT_EXCEPTION, "Invalid 'cpu' setting");
        refused(() -> call(register, "{\"family\":\"a\",\"containerDefinitions\":[{\"name\":\"x\",\"image\":\"i\","
                + "\"essential\":false}]}"), ErrorCode.CLIENT_EXCEPTION, "does not have any essential container");
        refused(() -> call(register, "{\"containerDefinitions\":[{\"name\":\"x\",\"image\":\"i\"}]}"),
                ErrorCode.INVALID_PARAMETER, "family");
    }

    @Test
    void listFiltersSortsAndKeepsTheLastRegistered() {
        fixture.register("agent", "a");
        fixture.register("agent", "b");
        fixture.register("logs", "c");
        var list = new ListDaemonTaskDefinitionsAction(fixture.context);
        assertThat(call(list, "{}").findValuesAsText("arn")).extracting(arn -> arn.substring(arn.indexOf('/') + 1))
                .containsExactly("agent:1", "agent:2", "logs:1");
        assertThat(call(list, "{\"sort\":\"DESC\"}").findValuesAsText("arn"))
                .extracting(arn -> arn.substring(arn.indexOf('/') + 1)).containsExactly("logs:1", "agent:2", "agent:1");
        assertThat(call(list, "{\"revision\":\"LAST_REGISTERED\"}").findValuesAsText("arn"))
                .extracting(arn -> arn.substring(arn.indexOf('/') + 1)).containsExactly("agent:2", "logs:1");
        assertThat(call(list, "{\"familyPrefix\":\"lo\"}").findValuesAsText("arn")).hasSize(1);
        JsonNode page = call(list, "{\"maxResults\":2}");
        assertThat(page.get("daemonTaskDefinitions")).hasSize(2);
        assertThat(call(list, "{\"nextToken\":\"" + page.get("nextToken").asText() + "\"}")
                .findValuesAsText("arn")).singleElement().asString().endsWith("logs:1");
        refused(() -> call(list, "{\"status\":\"DELETED\"}"), ErrorCode.INVALID_PARAMETER,
                "Invalid status 'DELETED'. Valid values: ACTIVE, DELETE_IN_PROGRESS, ALL.");
    }

    @Test
    void deleteNeedsARevisionAndMovesItToDeleteInProgress() {
        String arn = fixture.register("agent", "a");
        var delete = new DeleteDaemonTaskDefinitionAction(fixture.context);
        refused(() -> call(delete, "{\"daemonTaskDefinition\":\"agent\"}"), ErrorCode.CLIENT_EXCEPTION,
                "must include a revision");
        assertThat(call(delete, "{\"daemonTaskDefinition\":\"agent:1\"}").get("daemonTaskDefinitionArn").asText())
                .isEqualTo(arn);
        JsonNode described = call(new DescribeDaemonTaskDefinitionAction(fixture.context),
                "{\"daemonTaskDefinition\":\"agent:1\"}").get("daemonTaskDefinition");
        assertThat(described.get("status").asText()).isEqualTo("DELETE_IN_PROGRESS");
        assertThat(described.has("deleteRequestedAt")).isTrue();
        assertThat(call(new ListDaemonTaskDefinitionsAction(fixture.context), "{}").get("daemonTaskDefinitions"))
                .isEmpty();
        refused(() -> fixture.create("d", "agent:1"), ErrorCode.CLIENT_EXCEPTION, "is not ACTIVE (DELETE_IN_PROGRESS)");

        new DaemonScheduler(fixture.context, DaemonStore.of(fixture.context)).reconcileAll();
        assertThat(call(new DescribeDaemonTaskDefinitionAction(fixture.context), "{\"daemonTaskDefinition\":"
                + "\"agent:1\"}").at("/daemonTaskDefinition/status").asText()).as("no daemon runs it")
                .isEqualTo("DELETED");
    }

    @Test
    void theTaskDefinitionOfADaemonTaskIsABridgeModeEc2Definition() {
        fixture.context.call(new RegisterDaemonTaskDefinitionAction(fixture.context), "{\"family\":\"agent\","
                + "\"pidMode\":\"shared\",\"cpu\":\"256\",\"volumes\":[{\"name\":\"logs\",\"host\":{\"sourcePath\":"
                + "\"/var/log\"}}],\"containerDefinitions\":[{\"name\":\"a\",\"image\":\"busybox\",\"mountPoints\":"
                + "[{\"sourceVolume\":\"logs\",\"containerPath\":\"/logs\",\"readOnly\":true}]}]}");
        DaemonStore store = DaemonStore.of(fixture.context);
        TaskDefinition definition = DaemonTaskDefinitions.taskDefinition(fixture.context,
                DaemonTaskDefinitions.resolve(store, "agent"));
        assertThat(definition.taskDefinitionArn()).endsWith(":daemon-task-definition/agent:1");
        assertThat(definition.networkMode()).isEqualTo("bridge");
        assertThat(definition.pidMode()).isEqualTo("host");
        assertThat(definition.cpu()).isEqualTo("256");
        assertThat(definition.volumes()).singleElement().satisfies(v -> assertThat(v.host().sourcePath())
                .isEqualTo("/var/log"));
        assertThat(definition.containerDefinitions().getFirst().mountPoints()).singleElement()
                .satisfies(m -> assertThat(m.containerPath()).isEqualTo("/logs"));
    }
}
