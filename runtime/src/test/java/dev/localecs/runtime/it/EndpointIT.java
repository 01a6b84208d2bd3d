package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.ConfigurationException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.ContainerCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.ContainerOverride;
import software.amazon.awssdk.services.ecs.model.KeyValuePair;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The credentials and metadata endpoint at 169.254.170.2, reached from busybox task containers, with task
 * roles assumed at a real moto_server STS.
 */
class EndpointIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";
    @TempDir
    Path state;
    @TempDir
    Path logs;
    private MotoServer moto;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void startMoto() {
        moto = MotoServer.start(logs);
    }

    @AfterEach
    void stopMoto() {
        moto.close();
    }

    private RuntimeFixture start(boolean sourceCheck) {
        return RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "endpoint.source-check", String.valueOf(sourceCheck),
                        "upstream.sts.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "s"));
    }

    private static Task await(RuntimeFixture runtime, String arn, String status) throws InterruptedException {
        return runtime.awaitStatus("default", arn, status, Duration.ofSeconds(60));
    }

    private static String logsOf(Task task, String container) {
        String id = task.containers().stream().filter(c -> c.name().equals(container)).findFirst().orElseThrow()
                .runtimeId();
        return TestImages.run(List.of("docker", "logs", id));
    }

    private static void remove(Task... tasks) {
        for (Task task : tasks) {
            TestImages.run(List.of("sh", "-c", "docker rm -f $(docker ps -aq --filter label=com.amazonaws.ecs.task-arn="
                    + task.taskArn() + ") >/dev/null 2>&1 || true"));
        }
    }

    @Test
    void containersGetAssumedRoleCredentialsAndMetadataAndOtherTasksAreRefused() throws Exception {
        try (RuntimeFixture runtime = start(true)) {
            String ask = "for i in $(seq 1 20); do wget -q -O /tmp/c http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"
                    + " || exit 8; done";
            runtime.post("RegisterTaskDefinition", """
                    {"family": "with-role", "taskRoleArn": "%s", "containerDefinitions": [
                      {"name": "app", "image": "%s", "memory": 32, "portMappings": [{"containerPort": 8080}],
                       "command": ["sh", "-c",
                        "%s; cat /tmp/c; echo; echo ===; wget -q -O- $ECS_CONTAINER_METADATA_URI_V4; echo; echo ===; wget -q -O- $ECS_CONTAINER_METADATA_URI_V4/task; echo; echo ===; wget -q -O- $ECS_CONTAINER_METADATA_URI_V4/stats; echo; echo ===; sleep 30"]},
                      {"name": "helper", "image": "%s", "memory": 32, "essential": false, "command": ["sh", "-c", "%s"]}]}"""
                    .formatted(ROLE, TestImages.BUSYBOX, ask, TestImages.BUSYBOX, ask));
            Task first = runtime.ecs().runTask(r -> r.taskDefinition("with-role")).tasks().get(0);
            Task running = await(runtime, first.taskArn(), "RUNNING");
            String output = "";
            for (int i = 0; i < 100 && output.split("===").length < 5; i++) {
                Thread.sleep(200);
                output = logsOf(running, "app");
            }
            String[] parts = output.split("===");
            JsonNode credentials = JSON.readTree(parts[0].trim());
            assertThat(credentials.get("RoleArn").asText()).isEqualTo(ROLE);
            assertThat(credentials.get("Expiration").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ");
            try (StsClient sts = StsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                            credentials.get("Token").asText()))).build()) {
                String taskId = first.taskArn().substring(first.taskArn().lastIndexOf('/') + 1);
                assertThat(sts.getCallerIdentity().arn()).as("credentials of an AssumeRole of the task role")
                        .endsWith(":assumed-role/app/" + taskId);
            }
            JsonNode container = JSON.readTree(parts[1].trim());
            assertThat(container.get("Name").asText()).isEqualTo("app");
            assertThat(container.get("DockerId").asText()).isEqualTo(
                    running.containers().stream().filter(c -> c.name().equals("app")).findFirst().orElseThrow()
                            .runtimeId());
            assertThat(container.at("/Networks/0/IPv4Addresses/0").asText()).startsWith("169.254.170.");
            assertThat(container.at("/Labels/com.amazonaws.ecs.task-arn").asText()).isEqualTo(first.taskArn());
            assertThat(container.at("/Ports/0/ContainerPort").asInt()).isEqualTo(8080);
            assertThat(container.at("/Ports/0/HostPort").asInt()).isPositive();
            JsonNode stats = JSON.readTree(parts[3].trim());
            assertThat(stats.has("memory_stats")).as("Docker's stats document: " + stats).isTrue();
            JsonNode task = JSON.readTree(parts[2].trim());
            assertThat(task.get("TaskARN").asText()).isEqualTo(first.taskArn());
            assertThat(task.get("Family").asText()).isEqualTo("with-role");
            assertThat(task.get("Containers")).extracting(c -> c.get("Name").asText())
                    .containsExactlyInAnyOrder("app", "helper");

            JsonNode health = JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(
                    URI.create(runtime.endpoint() + "/health")).build()).body());
            assertThat(health.at("/endpoint/listening").asBoolean()).isTrue();
            assertThat(health.at("/endpoint/assumeRoleCalls").asLong())
                    .as("two containers asking twenty times each cause one AssumeRole").isEqualTo(1);

            String effective = Files.readString(state.resolve("compose").resolve("ecs-with-role-"
                    + first.taskArn().substring(first.taskArn().lastIndexOf('/') + 1))
                    .resolve("docker-compose.ecs-local.effective.yml"));
            String stolen = effective.lines().filter(l -> l.contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
                    .findFirst().orElseThrow().replaceAll(".*: ", "").trim();
            runtime.post("RegisterTaskDefinition", """
                    {"family": "thief", "containerDefinitions": [{"name": "thief", "image": "%s", "memory": 32,
                      "command": ["sh", "-c", "wget -q -O- http://169.254.170.2$STOLEN; echo exit=$?"]}]}"""
                    .formatted(TestImages.BUSYBOX));
            Task thief = runtime.ecs().runTask(r -> r.taskDefinition("thief").overrides(o -> o.containerOverrides(
                    ContainerOverride.builder().name("thief").environment(KeyValuePair.builder().name("STOLEN")
                            .value(stolen).build()).build()))).tasks().get(0);
            Task done = await(runtime, thief.taskArn(), "STOPPED");
            String thiefLog = logsOf(done, "thief");
            assertThat(thiefLog).contains("exit=1").doesNotContain("AccessKeyId");
            remove(first, thief);
        }
    }

    @Test
    void staticStrategyVendsTheFixedCredentialsWithoutCallingSts() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                "credentials.endpoint.strategy", "static", "credentials.static.access-key-id", "AKIDSTATICFIXED",
                "credentials.static.secret-access-key", "static-secret", "tasks.remove-containers", "never"))) {
            runtime.post("RegisterTaskDefinition", """
                    {"family": "offline", "taskRoleArn": "%s", "containerDefinitions": [
                      {"name": "app", "image": "%s", "memory": 32, "command": ["sh", "-c",
                        "wget -q -O- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]}]}"""
                    .formatted(ROLE, TestImages.BUSYBOX));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("offline")).tasks().get(0);
            Task stopped = await(runtime, task.taskArn(), "STOPPED");
            JsonNode credentials = JSON.readTree(logsOf(stopped, "app"));
            assertThat(credentials.get("AccessKeyId").asText()).isEqualTo("AKIDSTATICFIXED");
            assertThat(credentials.get("SecretAccessKey").asText()).isEqualTo("static-secret");
            JsonNode health = JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(
                    URI.create(runtime.endpoint() + "/health")).build()).body());
            assertThat(health.at("/endpoint/assumeRoleCalls").asLong()).isZero();
            remove(stopped);
        }
    }

    @Test
    void profileStrategyWithACredentialProcessAndARoleChainVendsTaskRoles(@TempDir Path home) throws Exception {
        Path aws = Files.createDirectories(home.resolve(".aws"));
        Files.writeString(aws.resolve("config"), """
                [profile base]
                credential_process = echo '{"Version": 1, "AccessKeyId": "AKIDPROCESS", "SecretAccessKey": "p"}'
                [profile chained]
                role_arn = arn:aws:iam::123456789012:role/endpoint
                source_profile = base
                """);
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "credentials.endpoint.strategy", "profile", "upstream.sts.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("HOME", home.toString(), "ECS_ENDPOINT_AWS_PROFILE", "chained"))) {
            runtime.post("RegisterTaskDefinition", """
                    {"family": "profiled", "taskRoleArn": "%s", "containerDefinitions": [
                      {"name": "app", "image": "%s", "memory": 32, "command": ["sh", "-c",
                        "wget -q -O- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]}]}"""
                    .formatted(ROLE, TestImages.BUSYBOX));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("profiled")).tasks().get(0);
            Task stopped = await(runtime, task.taskArn(), "STOPPED");
            JsonNode credentials = JSON.readTree(logsOf(stopped, "app"));
            try (StsClient sts = StsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                            credentials.get("Token").asText()))).build()) {
                assertThat(sts.getCallerIdentity().arn()).contains(":assumed-role/app/");
            }
            remove(stopped);
        }
    }

    @Test
    void aMisconfiguredStrategyFailsTheStartNamingTheSetting() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuntimeFixture.start(state, Map.of(
                        "credentials.endpoint.strategy", "static")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("credentials.endpoint.strategy")
                .hasMessageContaining("credentials.static.access-key-id");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> RuntimeFixture.start(state, Map.of(
                        "credentials.api.strategy", "mounted")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("ECS_ENDPOINT_AWS_CREDS_HOST_PATH");
    }

    @Test
    void theJavaSdkContainerCredentialsProviderParsesTheEndpointsAnswer() throws Exception {
        try (RuntimeFixture runtime = start(false)) {
            runtime.post("RegisterTaskDefinition", """
                    {"family": "sdk-role", "taskRoleArn": "%s", "containerDefinitions": [
                      {"name": "app", "image": "%s", "memory": 32, "command": ["sleep", "30"], "stopTimeout": 1}]}"""
                    .formatted(ROLE, TestImages.BUSYBOX));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("sdk-role")).tasks().get(0);
            await(runtime, task.taskArn(), "RUNNING");
            String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            String effective = Files.readString(state.resolve("compose").resolve("ecs-sdk-role-" + id)
                    .resolve("docker-compose.ecs-local.effective.yml"));
            String uri = effective.lines().filter(l -> l.contains("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"))
                    .findFirst().orElseThrow().replaceAll(".*: ", "").trim();

            System.setProperty("aws.containerCredentialsPath", uri);
            try {
                var credentials = ContainerCredentialsProvider.builder().build().resolveCredentials();
                assertThat(credentials).isInstanceOf(AwsSessionCredentials.class);
                assertThat(credentials.accessKeyId()).isNotBlank();
                assertThat(((AwsSessionCredentials) credentials).expirationTime()).isPresent();
            } finally {
                System.clearProperty("aws.containerCredentialsPath");
            }
            runtime.ecs().stopTask(r -> r.task(task.taskArn()));
            await(runtime, task.taskArn(), "STOPPED");
            remove(task);
        }
    }
}
