package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.testing.RecordingLogsServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.Container;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/**
 * awslogs options on the real engine: {@code awslogs-endpoint} (a second moto_server gets the lines),
 * {@code awslogs-format: json/emf} (the header, seen by a loopback recorder), {@code awslogs-credentials-endpoint}
 * (set by hand, harmless), and {@code secretOptions} from moto_server's SSM for awslogs and for a driver Docker runs.
 */
class AwslogsOptionsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/logs-exec";
    @TempDir
    Path state;
    @TempDir
    Path logs;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    private static Task run(RuntimeFixture runtime, String definition) throws Exception {
        var registered = runtime.post("RegisterTaskDefinition", definition);
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        String family = JSON.readTree(registered.body()).at("/taskDefinition/family").asText();
        Task task = runtime.ecs().runTask(r -> r.taskDefinition(family)).tasks().get(0);
        return runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(120));
    }

    private static String definition(String family, String command, String logConfiguration) {
        return """
                {"family": "%s", "executionRoleArn": "%s", "containerDefinitions": [{"name": "app", "image": "%s",
                  "memory": 64, "command": ["sh", "-c", %s], "logConfiguration": %s}]}"""
                .formatted(family, ROLE, TestImages.BUSYBOX, JSON.valueToTree(command).toString(), logConfiguration);
    }

    private static String taskId(Task task) {
        return task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
    }

    @Test
    void aContainersAwslogsEndpointGetsItsLinesInsteadOfTheConfiguredEndpoint() throws Exception {
        try (MotoServer configured = MotoServer.start(logs);
             MotoServer own = MotoServer.start(logs);
             RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately",
                     "logs.destination", "upstream", "upstream.sts.endpoint", configured.endpoint().toString()),
                     Map.of("LOGS_ENDPOINT_URL", configured.endpoint().toString(),
                             "ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT",
                             "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "endpoint-secret"))) {
            Task stopped = run(runtime, definition("logs-own-endpoint",
                    "i=1; while [ $i -le 200 ]; do echo \"own $i\"; i=$((i+1)); done",
                    """
                    {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/own-endpoint",
                      "awslogs-stream-prefix": "web", "awslogs-create-group": "true",
                      "awslogs-endpoint": "%s", "awslogs-credentials-endpoint": "/v2/credentials/set-by-hand"}}"""
                            .formatted(own.endpoint())));
            assertThat(stopped.stopCodeAsString()).as(stopped.toString()).isEqualTo("EssentialContainerExited");

            JsonNode got = new AwsCli(own.endpoint()).logs("get-log-events", "--log-group-name", "/ecs/own-endpoint",
                    "--log-stream-name", "web/app/" + taskId(stopped), "--start-from-head");
            assertThat(got.get("events").findValuesAsText("message"))
                    .containsExactlyElementsOf(IntStream.rangeClosed(1, 200).mapToObj(i -> "own " + i).toList());
            AwsCli.Result atConfigured = new AwsCli(configured.endpoint()).serviceResult("logs",
                    "describe-log-groups");
            assertThat(atConfigured.exitCode()).as(atConfigured.error()).isZero();
            assertThat(atConfigured.output()).as("nothing at upstream.logs.endpoint").doesNotContain("own-endpoint");
        }
    }

    @Test
    void jsonEmfEventsCarryTheFormatHeaderAndABadEndpointFailsTheContainer() throws Exception {
        try (RecordingLogsServer configured = new RecordingLogsServer();
             RecordingLogsServer own = new RecordingLogsServer();
             RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately",
                     "logs.destination", "upstream", "upstream.logs.endpoint", configured.endpoint().toString()),
                     Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT",
                             "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "endpoint-secret"))) {
            String emf = "{\"_aws\":{\"Timestamp\":1764500000000,\"CloudWatchMetrics\":[{\"Namespace\":\"app\","
                    + "\"Dimensions\":[[\"Service\"]],\"Metrics\":[{\"Name\":\"Latency\",\"Unit\":\"Milliseconds\"}]}]},"
                    + "\"Service\":\"web\",\"Latency\":12}";
            String noRole = """
                    {"family": "logs-emf", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 64,
                      "command": ["sh", "-c", %s], "logConfiguration": {"logDriver": "awslogs", "options": {
                        "awslogs-group": "/ecs/emf", "awslogs-stream-prefix": "web", "awslogs-format": "json/emf",
                        "awslogs-endpoint": "%s"}}}]}"""
                    .formatted(TestImages.BUSYBOX, JSON.valueToTree("echo '" + emf + "'").toString(), own.endpoint());
            Task stopped = run(runtime, noRole);
            assertThat(stopped.stopCodeAsString()).as(stopped.toString()).isEqualTo("EssentialContainerExited");

            assertThat(configured.requests()).isEmpty();
            List<RecordingLogsServer.Request> puts = own.requests().stream()
                    .filter(r -> r.operation().equals("PutLogEvents"))
                    .toList();
            assertThat(puts).isNotEmpty().allSatisfy(r -> assertThat(r.format()).contains("json/emf"));
            assertThat(own.requests()).extracting(RecordingLogsServer.Request::operation).contains("CreateLogStream");
            assertThat(own.requests()).allSatisfy(r -> assertThat(r.format()).contains("json/emf"));
            JsonNode body = JSON.readTree(puts.get(0).body());
            assertThat(body.at("/logGroupName").asText()).isEqualTo("/ecs/emf");
            assertThat(body.at("/logEvents/0/message").asText()).as("as written").isEqualTo(emf);

            Task refused = run(runtime, noRole.replace("logs-emf", "logs-bad-endpoint")
                    .replace(own.endpoint().toString(), "logs.us-east-1.amazonaws.com"));
            Container app = refused.containers().get(0);
            assertThat(refused.stopCodeAsString()).isEqualTo("TaskFailedToStart");
            assertThat(app.reason()).isEqualTo("CannotStartContainerError: Error response from daemon: failed to "
                    + "initialize logging driver: failed to create Cloudwatch log stream: invalid log opt "
                    + "'awslogs-endpoint' 'logs.us-east-1.amazonaws.com': not an http or https URL");
            assertThat(app.exitCode()).isNull();
        }
    }

    @Test
    void secretOptionsFromSsmNameTheGroupAndDockersLogOptsAndAppearNowhereElse() throws Exception {
        String group = "/ecs/s3cr3t-group-7f3a";
        String tag = "s3cr3t-tag-c41d";
        ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                logLines.add(record.getLevel() + " " + record.getMessage() + " " + record.getThrown());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        try (MotoServer moto = MotoServer.start(logs)) {
            try (SsmClient ssm = SsmClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create()).build()) {
                ssm.putParameter(r -> r.name("/logs/group").value(group).type(ParameterType.SECURE_STRING));
                ssm.putParameter(r -> r.name("logs-tag").value(tag).type(ParameterType.STRING));
            }
            Logger.getLogger("").addHandler(capture);
            try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "never",
                    "upstream.sts.endpoint", moto.endpoint().toString(),
                    "upstream.ssm.endpoint", moto.endpoint().toString()),
                    Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT",
                            "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "endpoint-secret"))) {
                var registered = runtime.post("RegisterTaskDefinition", """
                        {"family": "logs-secret", "executionRoleArn": "%s", "containerDefinitions": [
                          {"name": "app", "image": "%s", "memory": 64, "command": ["sh", "-c", "echo one; echo two"],
                           "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-stream-prefix": "web",
                             "awslogs-create-group": "true"},
                             "secretOptions": [{"name": "awslogs-group", "valueFrom": "/logs/group"}]}},
                          {"name": "side", "image": "%s", "memory": 32, "essential": false,
                           "command": ["sh", "-c", "echo side"],
                           "logConfiguration": {"logDriver": "json-file", "options": {"max-size": "1m"},
                             "secretOptions": [{"name": "tag",
                               "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/logs-tag"}]}}]}"""
                        .formatted(ROLE, TestImages.BUSYBOX, TestImages.BUSYBOX));
                assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
                Task task = runtime.ecs().runTask(r -> r.taskDefinition("logs-secret")).tasks().get(0);
                Task stopped = runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(120));
                List<String> ids = stopped.containers().stream().map(Container::runtimeId).toList();
                try {
                    assertThat(stopped.stopCodeAsString()).as(stopped.toString())
                            .isEqualTo("EssentialContainerExited");
                    JsonNode got = new AwsCli(runtime.endpoint()).logs("get-log-events", "--log-group-name", group,
                            "--log-stream-name", "web/app/" + taskId(stopped), "--start-from-head");
                    assertThat(got.get("events").findValuesAsText("message")).containsExactly("one", "two");

                    String side = stopped.containers().stream().filter(c -> c.name().equals("side")).findFirst()
                            .orElseThrow().runtimeId();
                    assertThat(TestImages.run(List.of("docker", "inspect", "-f", "{{.HostConfig.LogConfig.Type}} "
                            + "{{index .HostConfig.LogConfig.Config \"max-size\"}} "
                            + "{{index .HostConfig.LogConfig.Config \"tag\"}}", side)).trim())
                            .isEqualTo("json-file 1m " + tag);

                    StringBuilder everywhere = new StringBuilder();
                    try (Stream<Path> files = Files.walk(state.resolve("compose"))) {
                        for (Path file : files.filter(Files::isRegularFile).toList()) {
                            everywhere.append(Files.readString(file));
                        }
                    }
                    assertThat(everywhere.toString()).as("the compose files").contains("json-file", "max-size")
                            .doesNotContain(group, tag);
                    everywhere.append(runtime.post("DescribeTasks", "{\"tasks\": [\"" + task.taskArn() + "\"]}")
                            .body());
                    everywhere.append(runtime.post("DescribeTaskDefinition", "{\"taskDefinition\": \"logs-secret\"}")
                            .body());
                    everywhere.append(String.join("\n", logLines));
                    assertThat(everywhere.toString()).as("compose files, API answers and the runtime's logs")
                            .doesNotContain(group, tag);

                    Task missing = run(runtime, definition("logs-secret-missing", "echo never", """
                            {"logDriver": "awslogs", "options": {"awslogs-create-group": "true"},
                             "secretOptions": [{"name": "awslogs-group", "valueFrom": "/logs/missing"}]}"""));
                    assertThat(missing.stopCodeAsString()).isEqualTo("TaskFailedToStart");
                    assertThat(missing.containers().get(0).reason()).startsWith("ResourceInitializationError: "
                            + "unable to pull secrets or registry auth: execution resource retrieval failed: ")
                            .contains("/logs/missing");
                    assertThat(missing.containers().get(0).exitCode()).isNull();
                } finally {
                    List<String> remove = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
                    ids.stream().filter(id -> id != null).forEach(remove::add);
                    TestImages.run(remove);
                }
            } finally {
                Logger.getLogger("").removeHandler(capture);
            }
        }
    }
}
