package dev.localecs.plugins.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.model.Task;
import dev.localecs.testing.FakePluginContext;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The events a task's life produces, and their shape: ECS's "ECS Task State Change". */
class TaskStateChangeEventsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "123456789012";
    private static final String CLUSTER_ARN = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":cluster/shop";
    private static final String DEFINITION_ARN = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":task-definition/web:3";
    private static final Instant CREATED = Instant.parse("2026-03-01T10:00:00.125Z");
    private static final Instant NOW = Instant.parse("2026-03-01T10:05:07.250Z");

    private final FakePluginContext context = new FakePluginContext(new dev.localecs.api.EcsArns("eu-west-1", ACCOUNT))
            .clock(Clock.fixed(NOW, ZoneOffset.UTC))
            .config("upstream.events.endpoint", "http://127.0.0.1:4010")
            .environment("AWS_ACCESS_KEY_ID", "AKIDEVENTS")
            .environment("AWS_SECRET_ACCESS_KEY", "events-secret");
    private final RecordingSink sink = RecordingSink.open();
    private final EventBridgeEventsWorker worker = new EventBridgeEventsWorker(context, settings -> sink,
            new Backoff(Duration.ofMillis(5), Duration.ofMillis(20)));

    @AfterEach
    void stop() {
        worker.stop();
    }

    @Test
    void aTaskThatRunsAndExitsSendsPendingRunningStoppingAndStoppedWithEcsDetail() throws Exception {
        worker.start();
        Task task = context.tasks().add(pending());
        String taskArn = task.taskArn();
        String taskId = taskArn.substring(taskArn.lastIndexOf('/') + 1);
        String containerArn = "arn:aws:ecs:eu-west-1:" + ACCOUNT + ":container/shop/" + taskId + "/c0ffee";
        context.tasks().change(taskId, Map.of(
                "lastStatus", "RUNNING", "connectivityAt", epoch("2026-03-01T10:00:01Z"),
                "pullStartedAt", epoch("2026-03-01T10:00:01.500Z"), "pullStoppedAt", epoch("2026-03-01T10:00:03Z"),
                "startedAt", epoch("2026-03-01T10:00:04.007Z"),
                "containers", List.of(container(containerArn, taskArn, "RUNNING", null, null))));
        context.tasks().change(taskId, Map.of("healthStatus", "HEALTHY"));
        context.tasks().change(taskId, Map.of("desiredStatus", "STOPPED", "stopCode", "EssentialContainerExited",
                "stoppedReason", "Essential container in task exited",
                "stoppingAt", epoch("2026-03-01T10:05:00Z"),
                "containers", List.of(container(containerArn, taskArn, "STOPPED", 0, "exited"))));
        context.tasks().change(taskId, Map.of("lastStatus", "STOPPED", "executionStoppedAt",
                epoch("2026-03-01T10:05:01Z"), "stoppedAt", epoch("2026-03-01T10:05:02.5Z")));
        context.tasks().change(taskId, Map.of("healthStatus", "UNHEALTHY"));

        List<EventEntry> events = sink.awaitEvents(4);
        Thread.sleep(100);
        assertThat(sink.events()).as("no event for the health changes").hasSize(4);
        assertThat(events).allSatisfy(event -> {
            assertThat(event.source()).isEqualTo("aws.ecs");
            assertThat(event.detailType()).isEqualTo("ECS Task State Change");
            assertThat(event.resources()).containsExactly(taskArn);
            assertThat(event.time()).isEqualTo(Instant.parse("2026-03-01T10:05:07Z"));
        });
        List<JsonNode> details = events.stream().map(TaskStateChangeEventsTest::detail).toList();
        assertThat(details).extracting(d -> d.path("lastStatus").asText() + "/" + d.path("desiredStatus").asText())
                .containsExactly("PENDING/RUNNING", "RUNNING/RUNNING", "RUNNING/STOPPED", "STOPPED/STOPPED");

        JsonNode running = details.get(1);
        assertThat(running.path("clusterArn").asText()).isEqualTo(CLUSTER_ARN);
        assertThat(running.path("taskArn").asText()).isEqualTo(taskArn);
        assertThat(running.path("taskDefinitionArn").asText()).isEqualTo(DEFINITION_ARN);
        assertThat(running.path("launchType").asText()).isEqualTo("EC2");
        assertThat(running.path("group").asText()).isEqualTo("family:web");
        assertThat(running.path("cpu").asText()).isEqualTo("256");
        assertThat(running.path("memory").asText()).isEqualTo("512");
        assertThat(running.path("availabilityZone").asText()).isEqualTo("eu-west-1a");
        assertThat(running.path("connectivity").asText()).isEqualTo("CONNECTED");
        assertThat(running.path("version").isIntegralNumber()).isTrue();
        assertThat(running.path("version").asLong()).isEqualTo(2);
        assertThat(running.path("createdAt").asText()).isEqualTo("2026-03-01T10:00:00.125Z");
        assertThat(running.path("connectivityAt").asText()).isEqualTo("2026-03-01T10:00:01Z");
        assertThat(running.path("pullStartedAt").asText()).isEqualTo("2026-03-01T10:00:01.500Z");
        assertThat(running.path("pullStoppedAt").asText()).isEqualTo("2026-03-01T10:00:03Z");
        assertThat(running.path("startedAt").asText()).isEqualTo("2026-03-01T10:00:04.007Z");
        assertThat(running.path("updatedAt").asText()).isEqualTo("2026-03-01T10:05:07.250Z");
        assertThat(running.has("stoppedAt")).isFalse();
        assertThat(running.has("tags")).as("ECS sends no tags in events").isFalse();
        assertThat(running.has("healthStatus")).as("ECS sends no task health in events").isFalse();
        assertThat(running.path("overrides").path("containerOverrides").get(0).path("name").asText()).isEqualTo("web");
        assertThat(running.path("attachments").get(0).path("type").asText()).isEqualTo("eni");
        assertThat(running.path("attachments").get(0).path("details").get(0).path("name").asText())
                .isEqualTo("privateIPv4Address");
        JsonNode runningContainer = running.path("containers").get(0);
        assertThat(runningContainer.path("containerArn").asText()).isEqualTo(containerArn);
        assertThat(runningContainer.path("taskArn").asText()).isEqualTo(taskArn);
        assertThat(runningContainer.path("name").asText()).isEqualTo("web");
        assertThat(runningContainer.path("image").asText()).isEqualTo("nginx:1.27");
        assertThat(runningContainer.path("lastStatus").asText()).isEqualTo("RUNNING");
        assertThat(runningContainer.has("exitCode")).isFalse();
        assertThat(runningContainer.path("networkBindings").get(0).path("containerPort").asInt()).isEqualTo(80);
        assertThat(runningContainer.path("networkBindings").get(0).path("hostPort").asInt()).isEqualTo(32768);
        assertThat(runningContainer.path("networkBindings").get(0).path("bindIP").asText()).isEqualTo("0.0.0.0");
        assertThat(runningContainer.path("networkBindings").get(0).path("protocol").asText()).isEqualTo("tcp");

        JsonNode stopping = details.get(2);
        assertThat(stopping.path("stoppingAt").asText()).isEqualTo("2026-03-01T10:05:00Z");
        assertThat(stopping.path("stopCode").asText()).isEqualTo("EssentialContainerExited");
        assertThat(stopping.path("containers").get(0).path("lastStatus").asText()).isEqualTo("STOPPED");

        JsonNode stopped = details.get(3);
        assertThat(stopped.path("stopCode").asText()).isEqualTo("EssentialContainerExited");
        assertThat(stopped.path("stoppedReason").asText()).isEqualTo("Essential container in task exited");
        assertThat(stopped.path("executionStoppedAt").asText()).isEqualTo("2026-03-01T10:05:01Z");
        assertThat(stopped.path("stoppedAt").asText()).isEqualTo("2026-03-01T10:05:02.500Z");
        assertThat(stopped.path("version").asLong()).isEqualTo(5);
        JsonNode stoppedContainer = stopped.path("containers").get(0);
        assertThat(stoppedContainer.path("exitCode").isInt()).isTrue();
        assertThat(stoppedContainer.path("exitCode").asInt()).isEqualTo(0);
        assertThat(stoppedContainer.path("reason").asText()).isEqualTo("exited");
    }

    @Test
    void updatedAtIsNeverBeforeTheTasksOwnLatestTimestamp() throws Exception {
        context.clock(Clock.fixed(Instant.parse("2026-03-01T09:00:00Z"), ZoneOffset.UTC));
        worker.start();
        context.tasks().add(pending());

        JsonNode detail = detail(sink.awaitEvents(1).get(0));
        assertThat(detail.path("updatedAt").asText()).isEqualTo("2026-03-01T10:00:00.125Z");
        assertThat(sink.events().get(0).time()).isEqualTo(Instant.parse("2026-03-01T10:00:00Z"));
    }

    @Test
    void aContainerThatStopsWhileTheTaskRunsIsAnEvent() throws Exception {
        worker.start();
        Map<String, Object> members = pending();
        members.put("lastStatus", "RUNNING");
        members.put("containers", List.of(container("arn:c1", "arn:t", "RUNNING", null, null),
                Map.of("name", "sidecar", "image", "busybox", "lastStatus", "RUNNING")));
        Task task = context.tasks().add(members);
        String taskId = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        context.tasks().change(taskId, Map.of("containers", List.of(container("arn:c1", "arn:t", "RUNNING", null, null),
                Map.of("name", "sidecar", "image", "busybox", "lastStatus", "STOPPED", "exitCode", 3))));

        List<EventEntry> events = sink.awaitEvents(2);
        JsonNode sidecar = detail(events.get(1)).path("containers").get(1);
        assertThat(sidecar.path("lastStatus").asText()).isEqualTo("STOPPED");
        assertThat(sidecar.path("exitCode").asInt()).isEqualTo(3);
    }

    private Map<String, Object> pending() {
        Map<String, Object> members = new LinkedHashMap<>();
        members.put("clusterArn", CLUSTER_ARN);
        members.put("taskDefinitionArn", DEFINITION_ARN);
        members.put("lastStatus", "PENDING");
        members.put("desiredStatus", "RUNNING");
        members.put("launchType", "EC2");
        members.put("group", "family:web");
        members.put("cpu", "256");
        members.put("memory", "512");
        members.put("availabilityZone", "eu-west-1a");
        members.put("connectivity", "CONNECTED");
        members.put("healthStatus", "UNKNOWN");
        members.put("version", 1);
        members.put("createdAt", epoch(CREATED.toString()));
        members.put("tags", List.of(Map.of("key", "team", "value", "shop")));
        members.put("overrides", Map.of("containerOverrides", List.of(Map.of("name", "web"))));
        members.put("attachments", List.of(Map.of("id", "a1", "type", "eni", "status", "ATTACHED",
                "details", List.of(Map.of("name", "privateIPv4Address", "value", "169.254.172.5")))));
        members.put("containers", List.of(Map.of("name", "web", "image", "nginx:1.27", "lastStatus", "PENDING")));
        return members;
    }

    private static Map<String, Object> container(String arn, String taskArn, String status, Integer exitCode,
                                                 String reason) {
        Map<String, Object> container = new LinkedHashMap<>();
        container.put("containerArn", arn);
        container.put("taskArn", taskArn);
        container.put("name", "web");
        container.put("image", "nginx:1.27");
        container.put("lastStatus", status);
        container.put("healthStatus", "UNKNOWN");
        container.put("networkBindings", List.of(Map.of("bindIP", "0.0.0.0", "containerPort", 80, "hostPort", 32768,
                "protocol", "tcp")));
        if (exitCode != null) {
            container.put("exitCode", exitCode);
            container.put("reason", reason);
        }
        return container;
    }

    private static double epoch(String iso) {
        return Instant.parse(iso).toEpochMilli() / 1000.0;
    }

    private static JsonNode detail(EventEntry event) {
        try {
            return JSON.readTree(event.detail());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
