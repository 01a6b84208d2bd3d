package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * ECS events at a real EventBridge (moto_server): a rule for {@code aws.ecs} "ECS Task State Change" targeting
 * an SQS queue receives a task's RUNNING and STOPPED events, in order, shaped as ECS's. The simulated engine
 * runs the task, so no Docker is needed; the AWS CLI sets up and reads the peer. The endpoint is given by its
 * seed-style variable {@code EVENTS_ENDPOINT_URL}.
 */
class TaskEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z";

    @TempDir
    Path temp;

    @Test
    void aTaskThatRunsAndExitsReachesTheQueueAsRunningThenStoppedEventsShapedAsEcs() throws Exception {
        try (MotoServer moto = MotoServer.start(temp, Map.of("MOTO_ACCOUNT_ID", ACCOUNT))) {
            String queueUrl = aws(moto.endpoint(), "sqs", "create-queue", "--queue-name", "events-it-ecs")
                    .get("QueueUrl").asText();
            String queueArn = aws(moto.endpoint(), "sqs", "get-queue-attributes", "--queue-url", queueUrl,
                    "--attribute-names", "QueueArn").at("/Attributes/QueueArn").asText();
            aws(moto.endpoint(), "events", "put-rule", "--name", "events-it-ecs-tasks", "--event-pattern",
                    "{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Task State Change\"]}");
            aws(moto.endpoint(), "events", "put-targets", "--rule", "events-it-ecs-tasks", "--targets",
                    "Id=queue,Arn=" + queueArn);

            Task stopped;
            try (RuntimeFixture runtime = RuntimeFixture.start(temp.resolve("state"),
                    Map.of("tasks.engine", "simulated"), Map.of("EVENTS_ENDPOINT_URL", moto.endpoint().toString(),
                            "AWS_ACCESS_KEY_ID", "AKIDEVENTSIT", "AWS_SECRET_ACCESS_KEY", "events-it-secret"))) {
                runtime.ecs().registerTaskDefinition(r -> r.family("events-it").containerDefinitions(c -> c
                        .name("app").image("busybox:1.36").memory(32).essential(true)
                        .environment(KeyValuePair.builder().name("LOCAL_ECS_SIMULATE").value("exit:0@300ms").build())));
                String taskArn = runtime.ecs().runTask(r -> r.taskDefinition("events-it")).tasks().get(0).taskArn();
                stopped = runtime.awaitStatus("default", taskArn, "STOPPED", Duration.ofSeconds(20));
                JsonNode health = JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(
                        runtime.endpoint().resolve("/health")).build()).body());
                JsonNode worker = null;
                for (JsonNode w : health.path("workers")) {
                    worker = "eventbridge-events".equals(w.path("name").asText()) ? w : worker;
                }
                assertThat(worker).as("the worker in /health: " + health).isNotNull();
                assertThat(worker.path("state").asText()).isEqualTo("RUNNING");
                assertThat(worker.path("plugin").asText()).isEqualTo("eventbridge-events");
                assertThat(worker.has("error")).as(worker.toString()).isFalse();
            }

            List<JsonNode> events = receiveUntilStopped(moto.endpoint(), queueUrl, stopped.taskArn());
            assertThat(events).allSatisfy(event -> assertThat(event.at("/detail/taskArn").asText())
                    .isEqualTo(stopped.taskArn()));
            List<String> statuses = events.stream().map(e -> e.at("/detail/lastStatus").asText() + "/"
                    + e.at("/detail/desiredStatus").asText()).toList();
            assertThat(statuses).as("events in order").containsSubsequence("RUNNING/RUNNING", "STOPPED/STOPPED");
            assertThat(statuses.getLast()).isEqualTo("STOPPED/STOPPED");
            assertThat(statuses.subList(0, statuses.indexOf("RUNNING/RUNNING")))
                    .as("nothing after RUNNING comes before it").allMatch(s -> s.startsWith("P"));
            List<Long> versions = events.stream().map(e -> e.at("/detail/version").asLong()).toList();
            assertThat(versions).as("detail versions grow").isSorted().doesNotHaveDuplicates();

            JsonNode running = events.get(statuses.indexOf("RUNNING/RUNNING"));
            assertEnvelope(running, stopped);
            JsonNode detail = running.get("detail");
            assertThat(detail.get("clusterArn").asText()).isEqualTo(stopped.clusterArn())
                    .isEqualTo("arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/default");
            assertThat(detail.get("taskDefinitionArn").asText()).isEqualTo(stopped.taskDefinitionArn())
                    .endsWith(":task-definition/events-it:1");
            assertThat(detail.get("launchType").asText()).isEqualTo(stopped.launchTypeAsString());
            assertThat(detail.get("group").asText()).isEqualTo("family:events-it");
            assertThat(detail.get("version").isIntegralNumber()).isTrue();
            assertThat(detail.get("createdAt").asText()).matches(ISO_MILLIS).isEqualTo(iso(stopped.createdAt()));
            assertThat(detail.get("startedAt").asText()).matches(ISO_MILLIS).isEqualTo(iso(stopped.startedAt()));
            assertThat(detail.get("updatedAt").asText()).matches(ISO_MILLIS);
            assertThat(Instant.parse(detail.get("updatedAt").asText())).isAfterOrEqualTo(
                    stopped.startedAt().truncatedTo(ChronoUnit.MILLIS));
            assertThat(detail.has("stoppedAt")).isFalse();
            assertThat(detail.has("stopCode")).isFalse();
            assertThat(detail.has("tags")).isFalse();
            assertThat(detail.has("healthStatus")).isFalse();
            JsonNode container = detail.get("containers").get(0);
            assertThat(detail.get("containers")).hasSize(1);
            assertThat(container.get("containerArn").asText()).isEqualTo(stopped.containers().get(0).containerArn());
            assertThat(container.get("taskArn").asText()).isEqualTo(stopped.taskArn());
            assertThat(container.get("name").asText()).isEqualTo("app");
            assertThat(container.get("image").asText()).isEqualTo("busybox:1.36");
            assertThat(container.get("lastStatus").asText()).isEqualTo("RUNNING");
            assertThat(container.has("exitCode")).isFalse();

            JsonNode last = events.getLast();
            assertEnvelope(last, stopped);
            JsonNode end = last.get("detail");
            assertThat(end.get("stopCode").asText()).isEqualTo("EssentialContainerExited")
                    .isEqualTo(stopped.stopCodeAsString());
            assertThat(end.get("stoppedReason").asText()).isEqualTo(stopped.stoppedReason())
                    .isEqualTo("Essential container in task exited");
            assertThat(end.get("createdAt").asText()).isEqualTo(iso(stopped.createdAt()));
            assertThat(end.get("startedAt").asText()).isEqualTo(iso(stopped.startedAt()));
            assertThat(end.get("stoppingAt").asText()).matches(ISO_MILLIS).isEqualTo(iso(stopped.stoppingAt()));
            assertThat(end.get("stoppedAt").asText()).matches(ISO_MILLIS).isEqualTo(iso(stopped.stoppedAt()));
            assertThat(end.get("version").asLong()).isEqualTo(stopped.version());
            assertThat(Instant.parse(end.get("updatedAt").asText())).isAfterOrEqualTo(
                    stopped.stoppedAt().truncatedTo(ChronoUnit.MILLIS));
            JsonNode exited = end.get("containers").get(0);
            assertThat(exited.get("lastStatus").asText()).isEqualTo("STOPPED");
            assertThat(exited.get("exitCode").isInt()).isTrue();
            assertThat(exited.get("exitCode").asInt()).isZero();
            assertThat(exited.get("containerArn").asText()).isEqualTo(stopped.containers().get(0).containerArn());
        }
    }

    /**
     * The EventBridge envelope as AWS delivers it to a target. ({@code account} is the bus owner's, which
     * EventBridge sets itself; moto's default target input leaves it out, so it is not checked here.)
     */
    private static void assertEnvelope(JsonNode event, Task task) {
        assertThat(event.get("version").asText()).as(event.toString()).isEqualTo("0");
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("source").asText()).isEqualTo("aws.ecs");
        assertThat(event.get("detail-type").asText()).isEqualTo("ECS Task State Change");
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(JSON.convertValue(event.get("resources"), List.class)).containsExactly(task.taskArn());
        assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        assertThat(Instant.parse(event.get("time").asText()))
                .isEqualTo(Instant.parse(event.at("/detail/updatedAt").asText()).truncatedTo(ChronoUnit.SECONDS));
    }

    private static String iso(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** Reads the queue (bounded) until the task's STOPPED event arrived; the messages in the order received. */
    private static List<JsonNode> receiveUntilStopped(URI moto, String queueUrl, String taskArn) throws IOException {
        List<JsonNode> events = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (events.stream().noneMatch(e -> "STOPPED".equals(e.at("/detail/lastStatus").asText()))) {
            assertThat(System.nanoTime()).as("the STOPPED event reached the queue; got " + events)
                    .isLessThan(deadline);
            JsonNode received = aws(moto, "sqs", "receive-message", "--queue-url", queueUrl,
                    "--max-number-of-messages", "10", "--wait-time-seconds", "1");
            for (JsonNode message : received.path("Messages")) {
                events.add(JSON.readTree(message.get("Body").asText()));
                aws(moto, "sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle",
                        message.get("ReceiptHandle").asText());
            }
        }
        return events;
    }

    /** Runs the real AWS CLI against moto and answers its JSON output; fails on a non-zero exit. */
    private static JsonNode aws(URI endpoint, String service, String... args) {
        return new AwsCli(endpoint).json(service, args);
    }
}
