package dev.localecs.plugins.services;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import dev.localecs.api.model.TaskDefinition;
import dev.localecs.testing.FakePluginContext;
import dev.localecs.testing.MovableClock;
import java.util.List;
import java.util.Map;

/** A fake runtime with two task-definition families and the service actions, shared by the tests. */
final class ServiceFixture {
    final MovableClock clock = new MovableClock();
    final FakePluginContext context;

    ServiceFixture() {
        this(new FakePluginContext());
    }

    ServiceFixture(FakePluginContext context) {
        this.context = context.clock(clock);
        definition("web", "bridge");
        definition("vpc", "awsvpc");
    }

    void definition(String family, String mode) {
        context.taskDefinitions().register(family, revision -> context.json().convertValue(Map.of(
                "family", family, "revision", revision, "status", "ACTIVE", "networkMode", mode,
                "taskDefinitionArn", context.arns().taskDefinition(family, revision),
                "compatibilities", List.of("EC2", "FARGATE"),
                "containerDefinitions", List.of(Map.of("name", "app", "image", "busybox"))), TaskDefinition.class));
    }

    JsonNode create(String body) {
        return context.call(new CreateServiceAction(context), body).get("service");
    }

    JsonNode update(String body) {
        return context.call(new UpdateServiceAction(context), body).get("service");
    }

    JsonNode delete(String body) {
        return context.call(new DeleteServiceAction(context), body).get("service");
    }

    JsonNode describe(String name) {
        return context.call(new DescribeServicesAction(context), "{\"services\":[\"" + name + "\"],"
                + "\"include\":[\"TAGS\"]}").at("/services/0");
    }

    /** The live tasks of a service, newest first. */
    List<Task> live(String service) {
        return context.tasks().list(new dev.localecs.api.TaskFilter("default", java.util.Optional.empty(),
                java.util.Optional.empty(), "RUNNING", java.util.Optional.empty(), java.util.Optional.of(service)));
    }

    /** Moves every PENDING task of a service to RUNNING, as the engine would. */
    void runAll(String service) {
        for (Task task : live(service)) {
            if (!"RUNNING".equals(task.lastStatus())) {
                context.tasks().change(id(task), Map.of("lastStatus", "RUNNING",
                        "startedAt", clock.instant().getEpochSecond()));
            }
        }
    }

    static String id(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    static void refused(Runnable call, ErrorCode code, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(EcsException.class,
                e -> assertThat(e.code()).isEqualTo(code)).hasMessage(message);
    }
}
