package dev.localecs.plugins.daemons;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import dev.localecs.testing.FakePluginContext;
import dev.localecs.testing.MovableClock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A fake runtime with the daemon actions and a movable clock, shared by the daemon tests. */
final class DaemonFixture {
    static final String PROVIDER = "arn:aws:ecs:us-east-1:000000000000:capacity-provider/local";

    final MovableClock clock = new MovableClock();
    final FakePluginContext context;

    DaemonFixture() {
        this(new FakePluginContext());
    }

    DaemonFixture(FakePluginContext context) {
        this.context = context.clock(clock);
    }

    String register(String family, String image) {
        return context.call(new RegisterDaemonTaskDefinitionAction(context), "{\"family\":\"" + family + "\","
                + "\"containerDefinitions\":[{\"name\":\"agent\",\"image\":\"" + image + "\",\"memory\":32}]}")
                .get("daemonTaskDefinitionArn").asText();
    }

    JsonNode create(String name, String definition) {
        return context.call(new CreateDaemonAction(context), "{\"daemonName\":\"" + name + "\","
                + "\"daemonTaskDefinitionArn\":\"" + definition + "\",\"capacityProviderArns\":[\"" + PROVIDER
                + "\"]}");
    }

    JsonNode update(String daemonArn, String definition) {
        return context.call(new UpdateDaemonAction(context), "{\"daemonArn\":\"" + daemonArn + "\","
                + "\"daemonTaskDefinitionArn\":\"" + definition + "\",\"capacityProviderArns\":[\"" + PROVIDER
                + "\"]}");
    }

    JsonNode describe(String daemonArn) {
        return context.call(new DescribeDaemonAction(context), "{\"daemonArn\":\"" + daemonArn + "\"}")
                .get("daemon");
    }

    JsonNode deployment(String deploymentArn) {
        return context.call(new DescribeDaemonDeploymentsAction(context), "{\"daemonDeploymentArns\":[\""
                + deploymentArn + "\"]}").at("/daemonDeployments/0");
    }

    /** The daemon tasks of the default cluster whose desired status is RUNNING. */
    List<Task> live() {
        return context.tasks().list(new TaskFilter("default", Optional.empty(), Optional.empty(), "RUNNING",
                Optional.empty(), Optional.empty())).stream()
                .filter(task -> task.group().startsWith("daemon:")).toList();
    }

    void running(Task task) {
        context.tasks().change(id(task), Map.of("lastStatus", "RUNNING", "startedAt", clock.instant().getEpochSecond()));
    }

    static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    static void refused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessageContaining(message);
    }
}
