package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Service events at a real EventBridge (moto_server): a rule for {@code aws.ecs} "ECS Service Action" and "ECS
 * Deployment State Change" targeting an SQS queue receives a service's SERVICE_DEPLOYMENT_IN_PROGRESS,
 * SERVICE_DEPLOYMENT_COMPLETED and SERVICE_STEADY_STATE, then, for a revision whose container exits at once,
 * SERVICE_TASK_START_IMPAIRED and SERVICE_DEPLOYMENT_FAILED, shaped as AWS documents them. The simulated engine
 * runs the tasks; the AWS CLI sets up and reads the peer.
 */
class ServiceEventsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCOUNT = "000000000000";
    private static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @TempDir
    Path temp;

    @Test
    void aServiceLifeReachesTheQueueAsServiceActionAndDeploymentStateChangeEvents() throws Exception {
        try (MotoServer moto = MotoServer.start(temp, Map.of("MOTO_ACCOUNT_ID", ACCOUNT))) {
            String queueUrl = aws(moto.endpoint(), "sqs", "create-queue", "--queue-name", "svc-events-it")
                    .get("QueueUrl").asText();
            String queueArn = aws(moto.endpoint(), "sqs", "get-queue-attributes", "--queue-url", queueUrl,
                    "--attribute-names", "QueueArn").at("/Attributes/QueueArn").asText();
            aws(moto.endpoint(), "events", "put-rule", "--name", "svc-events-it", "--event-pattern",
                    "{\"source\":[\"aws.ecs\"],\"detail-type\":[\"ECS Service Action\","
                            + "\"ECS Deployment State Change\"]}");
            aws(moto.endpoint(), "events", "put-targets", "--rule", "svc-events-it", "--targets",
                    "Id=queue,Arn=" + queueArn);

            try (RuntimeFixture runtime = RuntimeFixture.start(temp.resolve("state"),
                    Map.of("tasks.engine", "simulated"), Map.of("EVENTS_ENDPOINT_URL", moto.endpoint().toString(),
                            "AWS_ACCESS_KEY_ID", "AKIDEVENTSIT", "AWS_SECRET_ACCESS_KEY", "events-it-secret"))) {
                AwsCli cli = new AwsCli(runtime.endpoint());
                cli.ecs("register-task-definition", "--family", "svc-events", "--container-definitions",
                        "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":32}]");
                JsonNode service = cli.ecs("create-service", "--service-name", "web", "--task-definition",
                        "svc-events", "--desired-count", "1", "--deployment-configuration",
                        "deploymentCircuitBreaker={enable=true,rollback=false}").get("service");
                String serviceArn = service.get("serviceArn").asText();
                String first = service.at("/deployments/0/id").asText();

                List<JsonNode> events = new ArrayList<>();
                receiveUntil(moto.endpoint(), queueUrl, events, e -> "SERVICE_STEADY_STATE".equals(name(e)));
                JsonNode inProgress = find(events, "SERVICE_DEPLOYMENT_IN_PROGRESS");
                assertEnvelope(inProgress, "ECS Deployment State Change", serviceArn);
                assertThat(inProgress.at("/detail/eventType").asText()).isEqualTo("INFO");
                assertThat(inProgress.at("/detail/deploymentId").asText()).isEqualTo(first);
                assertThat(inProgress.at("/detail/reason").asText())
                        .isEqualTo("ECS deployment " + first + " in progress.");
                assertThat(inProgress.at("/detail/updatedAt").asText()).matches(ISO_MILLIS);
                JsonNode completed = find(events, "SERVICE_DEPLOYMENT_COMPLETED");
                assertEnvelope(completed, "ECS Deployment State Change", serviceArn);
                assertThat(completed.at("/detail/reason").asText()).isEqualTo("ECS deployment " + first
                        + " completed.");
                JsonNode steady = find(events, "SERVICE_STEADY_STATE");
                assertEnvelope(steady, "ECS Service Action", serviceArn);
                assertThat(steady.at("/detail/eventType").asText()).isEqualTo("INFO");
                assertThat(steady.at("/detail/clusterArn").asText())
                        .isEqualTo("arn:aws:ecs:us-east-1:" + ACCOUNT + ":cluster/default");
                assertThat(steady.at("/detail/createdAt").asText()).matches(ISO_MILLIS);
                assertThat(events.stream().map(ServiceEventsIT::name).toList()).as("in order").containsSubsequence(
                        "SERVICE_DEPLOYMENT_IN_PROGRESS", "SERVICE_DEPLOYMENT_COMPLETED", "SERVICE_STEADY_STATE");

                cli.ecs("register-task-definition", "--family", "svc-events", "--container-definitions",
                        "[{\"name\":\"app\",\"image\":\"busybox\",\"memory\":32,\"environment\":[{\"name\":"
                                + "\"LOCAL_ECS_SIMULATE\",\"value\":\"exit:1@100ms\"}]}]");
                String bad = cli.ecs("update-service", "--service", "web", "--task-definition", "svc-events:2")
                        .at("/service/deployments/0/id").asText();
                receiveUntil(moto.endpoint(), queueUrl, events, e -> "SERVICE_DEPLOYMENT_FAILED".equals(name(e)));
                JsonNode impaired = find(events, "SERVICE_TASK_START_IMPAIRED");
                assertEnvelope(impaired, "ECS Service Action", serviceArn);
                assertThat(impaired.at("/detail/eventType").asText()).isEqualTo("WARN");
                JsonNode failed = find(events, "SERVICE_DEPLOYMENT_FAILED");
                assertEnvelope(failed, "ECS Deployment State Change", serviceArn);
                assertThat(failed.at("/detail/eventType").asText()).isEqualTo("ERROR");
                assertThat(failed.at("/detail/deploymentId").asText()).isEqualTo(bad);
                assertThat(failed.at("/detail/reason").asText())
                        .isEqualTo("ECS deployment circuit breaker: tasks failed to start.");
            }
        }
    }

    private static String name(JsonNode event) {
        return event.at("/detail/eventName").asText();
    }

    private static JsonNode find(List<JsonNode> events, String eventName) {
        return events.stream().filter(e -> eventName.equals(name(e))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + eventName + " in " + events));
    }

    /** The EventBridge envelope as AWS delivers it to a target. */
    private static void assertEnvelope(JsonNode event, String detailType, String serviceArn) {
        assertThat(event.get("version").asText()).as(event.toString()).isEqualTo("0");
        assertThat(event.get("id").asText()).isNotBlank();
        assertThat(event.get("source").asText()).isEqualTo("aws.ecs");
        assertThat(event.get("detail-type").asText()).isEqualTo(detailType);
        assertThat(event.get("region").asText()).isEqualTo("us-east-1");
        assertThat(JSON.convertValue(event.get("resources"), List.class)).containsExactly(serviceArn);
        assertThat(event.get("time").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
        String stamp = event.at("/detail/updatedAt").isMissingNode() ? event.at("/detail/createdAt").asText()
                : event.at("/detail/updatedAt").asText();
        assertThat(Instant.parse(event.get("time").asText()))
                .isEqualTo(Instant.parse(stamp).truncatedTo(ChronoUnit.SECONDS));
    }

    /** Reads the queue (bounded, 60 s) into {@code events} until one matches. */
    private static void receiveUntil(URI moto, String queueUrl, List<JsonNode> events, Predicate<JsonNode> last)
            throws IOException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (events.stream().noneMatch(last)) {
            assertThat(System.nanoTime()).as("the awaited event reached the queue; got " + events)
                    .isLessThan(deadline);
            JsonNode received = aws(moto, "sqs", "receive-message", "--queue-url", queueUrl,
                    "--max-number-of-messages", "10", "--wait-time-seconds", "1");
            for (JsonNode message : received.path("Messages")) {
                events.add(JSON.readTree(message.get("Body").asText()));
                aws(moto, "sqs", "delete-message", "--queue-url", queueUrl, "--receipt-handle",
                        message.get("ReceiptHandle").asText());
            }
        }
    }

    private static JsonNode aws(URI endpoint, String service, String... args) {
        return new AwsCli(endpoint).json(service, args);
    }
}
