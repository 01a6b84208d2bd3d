package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * awslogs on the real engine: busybox containers write lines, the AWS CLI reads them from the runtime's embedded
 * CloudWatch Logs (or from moto_server, upstream) right after DescribeTasks says STOPPED; Docker keeps its own copy.
 */
class AwslogsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOGS = "Logs_20140328.";
    @TempDir
    Path state;
    @TempDir
    Path logs;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    private static String definition(String family, String command, String options, String extra) {
        return """
                {"family": "%s"%s, "containerDefinitions": [{"name": "app", "image": "%s", "memory": 64,
                  "command": ["sh", "-c", %s],
                  "logConfiguration": {"logDriver": "awslogs", "options": {%s}}}]}"""
                .formatted(family, extra, TestImages.BUSYBOX, JSON.valueToTree(command).toString(), options);
    }

    private static Task run(RuntimeFixture runtime, String definition) throws Exception {
        var registered = runtime.post("RegisterTaskDefinition", definition);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String family = JSON.readTree(registered.body()).at("/taskDefinition/family").asText();
        Task task = runtime.ecs().runTask(r -> r.taskDefinition(family)).tasks().get(0);
        return runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(120));
    }

    private static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    /** Every event of a stream, paging GetLogEvents forward until the token repeats. */
    private static List<String> allMessages(RuntimeFixture runtime, String group, String stream) throws Exception {
        List<String> messages = new ArrayList<>();
        String token = null;
        for (int page = 0; page < 1000; page++) {
            String body = JSON.createObjectNode().put("logGroupName", group).put("logStreamName", stream)
                    .put("startFromHead", true).put("nextToken", token).toString();
            HttpResponse<String> response = runtime.postTarget(LOGS + "GetLogEvents", body);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            JsonNode answer = JSON.readTree(response.body());
            answer.get("events").forEach(e -> messages.add(e.get("message").asText()));
            String next = answer.get("nextForwardToken").asText();
            if (next.equals(token)) {
                return messages;
            }
            token = next;
        }
        throw new AssertionError("GetLogEvents did not end");
    }

    @Test
    void linesAreInTheEmbeddedLogsInOrderAsSoonAsTheTaskIsStopped() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "never"))) {
            Task stopped = run(runtime, definition("logs-awslogs",
                    "i=1; while [ $i -le 3000 ]; do echo \"line $i\"; i=$((i+1)); done; sleep 1; echo to-stderr >&2",
                    "\"awslogs-group\": \"/ecs/logs-it\", \"awslogs-region\": \"us-east-1\", "
                            + "\"awslogs-stream-prefix\": \"web\", \"awslogs-create-group\": \"true\", "
                            + "\"mode\": \"non-blocking\", \"max-buffer-size\": \"4m\"", ""));
            String id = stopped.containers().get(0).runtimeId();
            try {
                String stream = "web/app/" + taskId(stopped);
                AwsCli aws = new AwsCli(runtime.endpoint());
                JsonNode got = aws.logs("get-log-events", "--log-group-name", "/ecs/logs-it", "--log-stream-name",
                        stream, "--start-from-head");
                List<String> expected = new ArrayList<>(IntStream.rangeClosed(1, 3000).mapToObj(i -> "line " + i)
                        .toList());
                expected.add("to-stderr");
                assertThat(got.get("events").findValuesAsText("message")).containsExactlyElementsOf(expected);
                long previous = 0;
                for (JsonNode event : got.get("events")) {
                    assertThat(event.get("timestamp").asLong()).isGreaterThanOrEqualTo(previous);
                    previous = event.get("timestamp").asLong();
                }
                assertThat(previous).as("Docker's timestamps").isBetween(stopped.createdAt().toEpochMilli(),
                        stopped.stoppedAt().toEpochMilli());

                AwsCli.Result tail = aws.serviceResult("logs", "tail", "/ecs/logs-it", "--since", "1h");
                assertThat(tail.exitCode()).as(tail.error()).isZero();
                assertThat(tail.output().lines().toList()).hasSize(3001).last().asString()
                        .endsWith(stream + " to-stderr");

                assertThat(TestImages.run(List.of("docker", "inspect", "-f", "{{.HostConfig.LogConfig.Type}} "
                        + "{{index .HostConfig.LogConfig.Config \"mode\"}}", id)).trim())
                        .isEqualTo("json-file non-blocking");
                assertThat(TestImages.run(List.of("docker", "logs", id))).contains("line 3000").contains("to-stderr");
            } finally {
                TestImages.run(List.of("docker", "rm", "-f", id));
            }
        }
    }

    @Test
    void awsLogsTailFollowShowsARunningTasksLinesAsTheyAreWritten() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            var registered = runtime.post("RegisterTaskDefinition", definition("logs-follow",
                    "i=1; while [ $i -le 120 ]; do echo \"tick $i\"; i=$((i+1)); sleep 0.25; done",
                    "\"awslogs-group\": \"/ecs/logs-follow\", \"awslogs-stream-prefix\": \"web\", "
                            + "\"awslogs-create-group\": \"true\"", ""));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("logs-follow")).tasks().get(0);
            runtime.awaitStatus("default", task.taskArn(), "RUNNING", Duration.ofSeconds(60));
            Path output = logs.resolve("tail.txt");
            Process tail = new AwsCli(runtime.endpoint()).start(output, "logs", "tail", "/ecs/logs-follow",
                    "--follow", "--since", "10m");
            try {
                long deadline = System.nanoTime() + Duration.ofSeconds(25).toNanos();
                while (!java.nio.file.Files.readString(output).contains("tick 8") && System.nanoTime() < deadline) {
                    Thread.sleep(250);
                }
                String seen = java.nio.file.Files.readString(output);
                assertThat(seen).contains("web/app/" + taskId(task) + " tick 1").contains("tick 8");
                assertThat(runtime.ecs().describeTasks(r -> r.tasks(task.taskArn())).tasks().get(0).lastStatus())
                        .as("seen while the task runs").isEqualTo("RUNNING");
            } finally {
                tail.destroyForcibly();
                runtime.ecs().stopTask(r -> r.task(task.taskArn()));
                runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(60));
            }
        }
    }

    @Test
    void aRestartOfTheRuntimeLosesNoLineAndDuplicatesNone() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            var registered = runtime.post("RegisterTaskDefinition", definition("logs-restart",
                    "i=1; while [ $i -le 40 ]; do echo \"tick $i\"; i=$((i+1)); sleep 0.1; done",
                    "\"awslogs-group\": \"/ecs/logs-restart\", \"awslogs-stream-prefix\": \"web\", "
                            + "\"awslogs-create-group\": \"true\"", ""));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("logs-restart")).tasks().get(0);
            runtime.awaitStatus("default", task.taskArn(), "RUNNING", Duration.ofSeconds(60));
            Thread.sleep(1000);
            runtime.restart();
            Task stopped = runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(60));

            assertThat(allMessages(runtime, "/ecs/logs-restart", "web/app/" + taskId(stopped)))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 40).mapToObj(i -> "tick " + i).toList());
        }
    }

    @Test
    void aMultilinePatternJoinsAStackTraceAndNoPrefixNamesTheStreamByContainerId() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            AwsCli aws = new AwsCli(runtime.endpoint());
            aws.logs("create-log-group", "--log-group-name", "/ecs/logs-multiline");
            Task stopped = run(runtime, definition("logs-multiline",
                    "echo 'INFO starting'; echo 'ERROR request failed'; echo 'java.lang.IllegalStateException: bad';"
                            + " printf '\\tat app.Main.run(Main.java:42)\\n'; echo 'INFO done'",
                    "\"awslogs-group\": \"/ecs/logs-multiline\", \"awslogs-multiline-pattern\": \"^(INFO|ERROR)\"",
                    ""));
            String containerId = stopped.containers().get(0).runtimeId();
            JsonNode got = aws.logs("get-log-events", "--log-group-name", "/ecs/logs-multiline",
                    "--log-stream-name", containerId, "--start-from-head");
            assertThat(got.get("events").findValuesAsText("message")).containsExactly("INFO starting\n",
                    "ERROR request failed\njava.lang.IllegalStateException: bad\n\tat app.Main.run(Main.java:42)\n",
                    "INFO done\n");
        }
    }

    @Test
    void aMissingGroupWithoutCreateGroupFailsTheContainerAsOnEcs() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"))) {
            Task stopped = run(runtime, definition("logs-missing", "echo never",
                    "\"awslogs-group\": \"/ecs/logs-missing\", \"awslogs-stream-prefix\": \"web\"", ""));
            Container app = stopped.containers().get(0);
            String reason = "CannotStartContainerError: Error response from daemon: failed to initialize logging "
                    + "driver: failed to create Cloudwatch log stream: ResourceNotFoundException: The specified log "
                    + "group does not exist.";
            assertThat(stopped.stopCodeAsString()).isEqualTo("TaskFailedToStart");
            assertThat(stopped.stoppedReason()).isEqualTo(reason);
            assertThat(app.reason()).isEqualTo(reason);
            assertThat(app.exitCode()).isNull();
            assertThat(app.lastStatus()).isEqualTo("STOPPED");
        }
    }

    @Test
    void upstreamDeliveryGoesToMotoSignedWithTheExecutionRole() throws Exception {
        String role = "arn:aws:iam::123456789012:role/logs-exec";
        try (MotoServer moto = MotoServer.start(logs, Map.of("MOTO_ENABLE_RECORDING", "True",
                "MOTO_RECORDER_FILEPATH", logs.resolve("moto-recording").toString()));
             RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately",
                     "logs.destination", "upstream", "upstream.sts.endpoint", moto.endpoint().toString()),
                     Map.of("LOGS_ENDPOINT_URL", moto.endpoint().toString(),
                             "ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT",
                             "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "endpoint-secret"))) {
            RuntimeFixture.send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/moto-api/recorder/start-recording"))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
            Task stopped = run(runtime, definition("logs-upstream",
                    "i=1; while [ $i -le 500 ]; do echo \"up $i\"; i=$((i+1)); done",
                    "\"awslogs-group\": \"/ecs/logs-upstream\", \"awslogs-stream-prefix\": \"web\", "
                            + "\"awslogs-create-group\": \"true\"",
                    ", \"executionRoleArn\": \"" + role + "\""));
            assertThat(stopped.stopCodeAsString()).as(stopped.toString()).isEqualTo("EssentialContainerExited");

            AwsCli upstream = new AwsCli(moto.endpoint());
            JsonNode got = upstream.logs("get-log-events", "--log-group-name", "/ecs/logs-upstream", "--log-stream-name",
                    "web/app/" + taskId(stopped), "--start-from-head");
            assertThat(got.get("events").findValuesAsText("message"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 500).mapToObj(i -> "up " + i).toList());
            AwsCli.Result embedded = new AwsCli(runtime.endpoint()).serviceResult("logs", "describe-log-groups");
            assertThat(embedded.output()).as("nothing kept in the embedded store").doesNotContain("logs-upstream");

            // the key that signed each call to CloudWatch Logs, and the session moto's STS issued for the role
            List<String> signers = new ArrayList<>();
            String recording = RuntimeFixture.send(HttpRequest.newBuilder(URI.create(moto.endpoint()
                    + "/moto-api/recorder/download-recording")).build()).body();
            for (String line : recording.split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                JsonNode entry = JSON.readTree(line);
                String target = entry.path("headers").path("X-Amz-Target").asText("");
                if (target.startsWith(LOGS) && !target.endsWith("GetLogEvents")) { // GetLogEvents: the test's
                    signers.add(target.substring(LOGS.length()) + " " + entry.path("headers").path("Authorization")
                            .asText("").replaceAll(".*Credential=([^/]*)/.*", "$1"));
                }
            }
            JsonNode model = JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(URI.create(moto.endpoint()
                    + "/moto-api/data.json")).build()).body());
            List<String> roleKeys = new ArrayList<>();
            model.at("/sts/AssumedRole").forEach(assumed -> {
                if (assumed.path("role_arn").asText().equals(role)
                        && assumed.path("session_name").asText().equals(taskId(stopped))) {
                    roleKeys.add(assumed.path("access_key_id").asText());
                }
            });
            assertThat(roleKeys).as("the execution role assumed for the task").singleElement()
                    .asString().startsWith("ASIA");
            assertThat(signers).as("CloudWatch Logs calls and their signing key")
                    .contains("CreateLogGroup " + roleKeys.get(0), "CreateLogStream " + roleKeys.get(0),
                            "PutLogEvents " + roleKeys.get(0))
                    .allSatisfy(s -> assertThat(s).endsWith(" " + roleKeys.get(0)));
        }
    }

    @Test
    void twoHundredThousandLinesInABurstAreAllDelivered() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately",
                "logs.max-stored-mib", "64"))) {
            Task stopped = run(runtime, definition("logs-burst", "seq 1 200000",
                    "\"awslogs-group\": \"/ecs/logs-burst\", \"awslogs-stream-prefix\": \"burst\", "
                            + "\"awslogs-create-group\": \"true\"", ""));
            List<String> messages = allMessages(runtime, "/ecs/logs-burst", "burst/app/" + taskId(stopped));
            assertThat(messages).hasSize(200_000);
            for (int i = 0; i < messages.size(); i++) {
                if (!messages.get(i).equals(Integer.toString(i + 1))) {
                    throw new AssertionError("event " + i + " is '" + messages.get(i) + "'");
                }
            }
        }
    }
}
