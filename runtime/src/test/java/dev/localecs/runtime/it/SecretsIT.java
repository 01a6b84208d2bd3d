package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Container secrets from a real moto_server SSM and Secrets Manager, and no secret value anywhere else. */
class SecretsIT {
    private static final List<String> VALUES = List.of("s3cr3t-ssm-1", "s3cr3t-ssm-2", "s3cr3t-user",
            "s3cr3t-pw", "s3cr3t-old", "s3cr3t-new");
    @TempDir
    Path state;
    @TempDir
    Path logs;
    private MotoServer moto;
    private final ConcurrentLinkedQueue<String> logLines = new ConcurrentLinkedQueue<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logLines.add(record.getMessage() + " " + record.getThrown());
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() {
        moto = MotoServer.start(logs);
        Logger.getLogger("").addHandler(capture);
    }

    @AfterEach
    void stop() {
        Logger.getLogger("").removeHandler(capture);
        moto.close();
    }

    private <B extends AwsClientBuilder<B, C>, C> C client(B builder) {
        return builder.endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
    }

    private static Task await(RuntimeFixture runtime, String arn) throws InterruptedException {
        return runtime.awaitStatus("default", arn, "STOPPED", Duration.ofSeconds(60));
    }

    @Test
    void secretsReachTheContainerAndNothingElse() throws Exception {
        String dbCreds;
        String token;
        try (SsmClient ssm = client(SsmClient.builder().httpClient(UrlConnectionHttpClient.create()));
             SecretsManagerClient sm = client(SecretsManagerClient.builder().httpClient(UrlConnectionHttpClient.create()))) {
            ssm.putParameter(r -> r.name("/prod/db/password").value("s3cr3t-ssm-1").type(ParameterType.SECURE_STRING));
            ssm.putParameter(r -> r.name("api-key").value("s3cr3t-ssm-2").type(ParameterType.STRING));
            dbCreds = sm.createSecret(r -> r.name("db-creds")
                    .secretString("{\"username\":\"s3cr3t-user\",\"password\":\"s3cr3t-pw\"}")).arn();
            token = sm.createSecret(r -> r.name("token").secretString("s3cr3t-old")).arn();
            sm.putSecretValue(r -> r.secretId("token").secretString("s3cr3t-new"));
        }
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "upstream.sts.endpoint", moto.endpoint().toString(),
                        "upstream.ssm.endpoint", moto.endpoint().toString(),
                        "upstream.secretsmanager.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "s"))) {
            var registered = runtime.post("RegisterTaskDefinition", """
                    {"family": "secretive", "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
                     "containerDefinitions": [{"name": "app", "image": "%s", "memory": 32,
                       "command": ["sh", "-c", "echo A=$DB_PASSWORD B=$API_KEY C=$DB_USER D=$WHOLE E=$OLD F=$NEW"],
                       "secrets": [
                         {"name": "DB_PASSWORD", "valueFrom": "/prod/db/password"},
                         {"name": "API_KEY", "valueFrom": "arn:aws:ssm:us-east-1:123456789012:parameter/api-key"},
                         {"name": "DB_USER", "valueFrom": "%s:username::"},
                         {"name": "WHOLE", "valueFrom": "%s"},
                         {"name": "OLD", "valueFrom": "%s::AWSPREVIOUS:"},
                         {"name": "NEW", "valueFrom": "%s"}]}]}"""
                    .formatted(TestImages.BUSYBOX, dbCreds, dbCreds, token, token));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("secretive")).tasks().get(0);
            Task stopped = await(runtime, task.taskArn());
            String output = TestImages.run(List.of("docker", "logs", stopped.containers().get(0).runtimeId()));

            assertThat(output).contains("A=s3cr3t-ssm-1", "B=s3cr3t-ssm-2", "C=s3cr3t-user",
                    "D={\"username\":\"s3cr3t-user\",\"password\":\"s3cr3t-pw\"}", "E=s3cr3t-old", "F=s3cr3t-new");

            StringBuilder everywhere = new StringBuilder();
            try (Stream<Path> files = Files.walk(state)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    everywhere.append(read(file));
                }
            }
            everywhere.append(runtime.post("DescribeTasks", "{\"tasks\": [\"" + task.taskArn() + "\"]}").body());
            everywhere.append(runtime.post("ListTasks", "{\"desiredStatus\": \"STOPPED\"}").body());
            everywhere.append(runtime.post("DescribeTaskDefinition", "{\"taskDefinition\": \"secretive\"}").body());
            everywhere.append(RuntimeFixture.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/health"))
                    .build()).body());
            everywhere.append(String.join("\n", logLines));
            assertThat(everywhere.toString()).as("compose files, state, API answers, health and logs")
                    .doesNotContain(VALUES.toArray(String[]::new));
            TestImages.run(List.of("docker", "rm", "-f", stopped.containers().get(0).runtimeId()));
        }
    }

    @Test
    void aMissingSecretStopsTheTaskNamingTheSecret() throws Exception {
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "upstream.sts.endpoint", moto.endpoint().toString(),
                        "upstream.ssm.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "immediately"),
                Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "s"))) {
            runtime.post("RegisterTaskDefinition", """
                    {"family": "lacking", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 32,
                       "command": ["true"], "secrets": [{"name": "GONE", "valueFrom": "/does/not/exist"}]}]}"""
                    .formatted(TestImages.BUSYBOX));
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("lacking")).tasks().get(0);
            Task stopped = await(runtime, task.taskArn());

            assertThat(stopped.stopCode().toString()).isEqualTo("TaskFailedToStart");
            assertThat(stopped.stoppedReason()).startsWith("ResourceInitializationError: ")
                    .contains("/does/not/exist");
            assertThat(stopped.containers().get(0).reason()).startsWith("ResourceInitializationError: ");
            assertThat(stopped.containers().get(0).exitCode()).isNull();
        }
    }

    @Test
    void environmentFilesFromS3AndTaskRolesGivenByName() throws Exception {
        String roleArn;
        try (var s3 = client(S3Client.builder().forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create()));
             var iam = client(IamClient.builder()
                     .httpClient(UrlConnectionHttpClient.create()))) {
            s3.createBucket(r -> r.bucket("envs"));
            s3.putObject(r -> r.bucket("envs").key("app.env"), RequestBody.fromString(
                    "# settings\nFROM_FILE=file-value\nSHARED=from-file\n"));
            roleArn = iam.createRole(r -> r.roleName("short-named").assumeRolePolicyDocument(
                    "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":"
                            + "{\"Service\":\"ecs-tasks.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}"))
                    .role().arn();
        }
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "upstream.sts.endpoint", moto.endpoint().toString(),
                        "upstream.s3.endpoint", moto.endpoint().toString(),
                        "upstream.iam.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "s"))) {
            var registered = runtime.post("RegisterTaskDefinition", """
                    {"family": "filed", "taskRoleArn": "short-named", "containerDefinitions": [{"name": "app",
                       "image": "%s", "memory": 32, "environment": [{"name": "SHARED", "value": "from-definition"}],
                       "environmentFiles": [{"value": "arn:aws:s3:::envs/app.env", "type": "s3"}],
                       "command": ["sh", "-c", "echo F=$FROM_FILE S=$SHARED; wget -q -O- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]}]}"""
                    .formatted(TestImages.BUSYBOX));
            assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("filed")).tasks().get(0);
            Task stopped = await(runtime, task.taskArn());
            String output = TestImages.run(List.of("docker", "logs", stopped.containers().get(0).runtimeId()));

            assertThat(output).contains("F=file-value S=from-definition");
            assertThat(output).contains("\"RoleArn\":\"" + roleArn + "\"");
            assertThat(Files.walk(state).filter(Files::isRegularFile).map(SecretsIT::read).toList())
                    .noneMatch(text -> text.contains("file-value"));
            TestImages.run(List.of("docker", "rm", "-f", stopped.containers().get(0).runtimeId()));
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }
}
