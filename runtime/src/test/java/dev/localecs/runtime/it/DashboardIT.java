package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * The dashboard in headless Chromium against the real runtime on the Docker engine: tasks appear and change
 * live, logs, stopping from the page, services, cross-origin refusal, and no secret value anywhere in what a
 * page receives. Screenshots land in {@code runtime/target/ui-screenshots/}.
 */
class DashboardIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LINE = "ui-line-from-container";
    private static final String SECRET = "s3cr3t-dashboard-value";
    private static final String PLAIN_TOKEN = "plain-token-value-in-environment";

    @TempDir
    Path state;
    @TempDir
    Path logs;
    private RuntimeFixture runtime;
    private MotoServer moto;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void stop() {
        if (runtime != null) {
            runtime.close();
        }
        // a failed scenario leaves its tasks running (the runtime keeps tasks across restarts): remove them
        for (String family : List.of("ui-hello", "secretive-ui")) {
            String ids = TestImages.run(List.of("docker", "ps", "-aq", "--filter",
                    "label=com.amazonaws.ecs.task-definition-family=" + family)).trim();
            if (!ids.isEmpty()) {
                List<String> remove = new java.util.ArrayList<>(List.of("docker", "rm", "-f"));
                remove.addAll(List.of(ids.split("\\s+")));
                TestImages.run(remove);
            }
        }
        if (moto != null) {
            moto.close();
        }
    }

    @Test
    void liveTasksLogsStopServicesAndCrossOriginRefusalInTheBrowser() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
        var registered = runtime.post("RegisterTaskDefinition", """
                {"family": "ui-hello", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 32,
                  "command": ["sh", "-c", "trap 'exit 0' TERM; echo %s; while true; do sleep 1; done"]}]}"""
                .formatted(TestImages.BUSYBOX, LINE));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);

        String output = Browser.run("dashboard.mjs", Map.of("BASE", runtime.endpoint().toString(), "LINE", LINE));

        assertThat(output).contains("PASSED", "every open tab shows it too", "its row turns RUNNING without reload",
                "the task's log shows the line the container printed", "the task stopped from the page is shown STOPPED",
                "the forced new deployment is shown rolling", "a cross-origin POST from another origin's page stopped nothing");
        assertThat(Browser.artefacts().resolve("tasks.png")).isNotEmptyFile();
        assertThat(Browser.artefacts().resolve("services.png")).isNotEmptyFile();
        runtime.post("UpdateService", "{\"service\": \"ui-web\", \"desiredCount\": 0}");
        runtime.post("DeleteService", "{\"service\": \"ui-web\", \"force\": true}");
    }

    @Test
    void noSecretValueReachesThePageOrTheEventStream() throws Exception {
        moto = MotoServer.start(logs);
        String secretArn;
        try (SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build()) {
            secretArn = sm.createSecret(r -> r.name("ui-db-password").secretString(SECRET)).arn();
        }
        runtime = RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "upstream.sts.endpoint", moto.endpoint().toString(),
                        "upstream.secretsmanager.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "s"));
        var registered = runtime.post("RegisterTaskDefinition", """
                {"family": "secretive-ui", "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
                 "containerDefinitions": [{"name": "app", "image": "%s", "memory": 32,
                   "environment": [{"name": "API_TOKEN", "value": "%s"}],
                   "secrets": [{"name": "DB_PASSWORD", "valueFrom": "%s"}],
                   "command": ["sh", "-c", "trap 'exit 0' TERM; echo secret-task-started length=${#DB_PASSWORD}; while true; do sleep 1; done"]}]}"""
                .formatted(TestImages.BUSYBOX, PLAIN_TOKEN, secretArn));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        Task task = runtime.ecs().runTask(r -> r.taskDefinition("secretive-ui")).tasks().get(0);
        runtime.awaitStatus("default", task.taskArn(), "RUNNING", Duration.ofSeconds(60));
        Path capture = state.resolve("capture.json");

        Browser.run("secrets.mjs", Map.of("BASE", runtime.endpoint().toString(),
                "TASK", "default/" + task.taskArn().replaceAll(".*/", ""), "REFERENCE", secretArn,
                "CAPTURE", capture.toString()));

        JsonNode captured = JSON.readTree(capture.toFile());
        String everything = captured.toString();
        assertThat(captured.path("log").asText()).as("the container got the secret (its length, not its value)")
                .contains("secret-task-started length=" + SECRET.length());
        assertThat(captured.path("pages").size()).isGreaterThanOrEqualTo(6);
        assertThat(everything).as("pages, API answers, the event stream and the log").doesNotContain(SECRET)
                .doesNotContain(PLAIN_TOKEN).contains(secretArn);
        assertThat(captured.path("events").asText()).contains("event: tasks").doesNotContain(SECRET);
    }

    @Test
    void mutationsNeedTheSessionTokenAndTheDashboardsOwnOrigin() throws Exception {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated"));
        runtime.post("RegisterTaskDefinition", """
                {"family": "guarded", "containerDefinitions": [{"name": "app", "image": "busybox", "memory": 32}]}""");
        String arn = runtime.ecs().runTask(r -> r.taskDefinition("guarded")).tasks().get(0).taskArn();
        String stop = "/ui/api/tasks/default/" + arn.replaceAll(".*/", "") + "/stop";
        String host = runtime.endpoint().getAuthority();
        String token = JSON.readTree(get("/ui/api/session").body()).path("token").asText();
        assertThat(token).hasSize(32);

        assertThat(post(stop, Map.of("X-Local-Ecs-Token", token, "Origin", "http://evil.example")))
                .satisfies(r -> assertThat(r.statusCode()).isEqualTo(403))
                .satisfies(r -> assertThat(r.body()).contains("Cross-origin request refused"));
        assertThat(post(stop, Map.of("X-Local-Ecs-Token", token, "Sec-Fetch-Site", "cross-site")).statusCode())
                .isEqualTo(403);
        assertThat(post(stop, Map.of("Origin", "http://" + host)).body()).contains("session token");
        assertThat(post(stop, Map.of("X-Local-Ecs-Token", "0".repeat(32), "Origin", "http://" + host)).statusCode())
                .isEqualTo(403);
        assertThat(runtime.ecs().describeTasks(r -> r.tasks(arn)).tasks().get(0).desiredStatus())
                .as("refused requests stopped nothing").isEqualTo("RUNNING");

        HttpResponse<String> allowed = post(stop, Map.of("X-Local-Ecs-Token", token, "Origin", "http://" + host,
                "Sec-Fetch-Site", "same-origin"));
        assertThat(allowed.statusCode()).as(allowed.body()).isEqualTo(200);
        assertThat(runtime.ecs().describeTasks(r -> r.tasks(arn)).tasks().get(0).desiredStatus())
                .isEqualTo("STOPPED");
    }

    @Test
    void actionsAreOffWhenConfiguredOff() throws Exception {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated", "ui.actions", "false"));
        JsonNode session = JSON.readTree(get("/ui/api/session").body());
        assertThat(session.path("actions").asBoolean()).isFalse();
        assertThat(session.has("token")).isFalse();
        assertThat(post("/ui/api/tasks/default/" + "0".repeat(32) + "/stop", Map.of()).body())
                .contains("Dashboard actions are disabled (ui.actions)");
        HttpResponse<String> page = get("/ui/");
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(policy ->
                assertThat(policy).contains("default-src 'self'"));
        for (String asset : List.of("/ui/app.js", "/ui/dom.js", "/ui/api.js", "/ui/events-worker.js", "/ui/app.css",
                "/ui/favicon.svg")) {
            HttpResponse<String> served = get(asset);
            assertThat(served.statusCode()).as(asset).isEqualTo(200);
            if (!asset.endsWith(".svg")) {
                assertThat(served.body()).as(asset + " loads nothing from elsewhere").doesNotContain("https://", "http://");
            }
        }
        assertThat(page.body()).as("every asset is served locally: no CDN").doesNotContain("https://");
    }

    @Test
    void anAwslogsContainersOutputComesFromTheEmbeddedCloudWatchLogs() throws Exception {
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated"));
        runtime.post("RegisterTaskDefinition", """
                {"family": "shipped", "containerDefinitions": [{"name": "web", "image": "busybox", "memory": 32,
                  "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/shipped",
                    "awslogs-region": "us-east-1", "awslogs-stream-prefix": "ui"}}}]}""");
        // the group exists before the task starts: without awslogs-create-group a missing group fails the
        // container, as on ECS
        runtime.postTarget("Logs_20140328.CreateLogGroup", "{\"logGroupName\": \"/ecs/shipped\"}");
        String arn = runtime.ecs().runTask(r -> r.taskDefinition("shipped")).tasks().get(0).taskArn();
        String id = arn.replaceAll(".*/", "");
        String stream = "ui/web/" + id;
        runtime.postTarget("Logs_20140328.CreateLogStream", "{\"logGroupName\": \"/ecs/shipped\", "
                + "\"logStreamName\": \"" + stream + "\"}");
        var put = runtime.postTarget("Logs_20140328.PutLogEvents", "{\"logGroupName\": \"/ecs/shipped\", "
                + "\"logStreamName\": \"" + stream + "\", \"logEvents\": [{\"timestamp\": "
                + System.currentTimeMillis() + ", \"message\": \"shipped line\"}]}");
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);

        String output = get("/ui/api/tasks/default/" + id + "/logs").body();

        assertThat(output).contains("{\"container\":\"web\",\"stream\":\"awslogs\"", "\"message\":\"shipped line\"}",
                "{\"end\":true,\"lastStatus\":\"RUNNING\"}");
    }

    private HttpResponse<String> get(String path) {
        return RuntimeFixture.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + path)).build());
    }

    private HttpResponse<String> post(String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(runtime.endpoint() + path))
                .POST(HttpRequest.BodyPublishers.ofString("{}"));
        headers.forEach(request::header);
        return RuntimeFixture.send(request.build());
    }
}
