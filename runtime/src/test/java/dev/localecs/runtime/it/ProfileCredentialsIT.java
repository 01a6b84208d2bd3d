package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The {@code profile} strategy with the user's real login kinds, for task roles vended at 169.254.170.2 to
 * busybox tasks: IAM Identity Center (a cached {@code aws sso login} token, a stand-in of the SSO portal) and web
 * identity ({@code AssumeRoleWithWebIdentity} at moto_server), with every STS request checked in moto's
 * recording. The SDK reads the SSO token cache under the test process's {@code $HOME/.aws/sso/cache}, as it
 * does in the image (under {@code /root}); the test's token file has a name of its own and is removed after.
 */
class ProfileCredentialsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ROLE = "arn:aws:iam::123456789012:role/app";
    private static final String TOKEN = "it-cached-access-token";
    @TempDir
    Path state;
    @TempDir
    Path logs;
    @TempDir
    Path home;
    private final String session = "local-ecs-it-" + UUID.randomUUID();
    private MotoServer moto;
    private SsoPortal portal;
    private final List<Path> created = new ArrayList<>();

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void peers() throws Exception {
        moto = MotoServer.start(logs, Map.of("MOTO_ENABLE_RECORDING", "True",
                "MOTO_RECORDER_FILEPATH", logs.resolve("moto-recording").toString()));
        for (String step : List.of("reset-recording", "start-recording")) {
            RuntimeFixture.send(HttpRequest.newBuilder(URI.create(moto.endpoint() + "/moto-api/recorder/" + step))
                    .POST(HttpRequest.BodyPublishers.noBody()).build());
        }
        portal = new SsoPortal(TOKEN, "ASIASSOLOGIN");
    }

    @AfterEach
    void stop() throws Exception {
        portal.close();
        moto.close();
        for (Path path : created.reversed()) {
            if (!Files.isDirectory(path) || Files.list(path).findAny().isEmpty()) {
                Files.deleteIfExists(path);
            }
        }
    }

    /** The token file {@code aws sso login} writes for an sso-session: the SHA-1 of the session name. */
    private void cacheToken(Instant expiresAt) throws Exception {
        Path cache = Path.of(System.getenv("HOME"));
        for (String part : List.of(".aws", "sso", "cache")) {
            cache = cache.resolve(part);
            if (!Files.exists(cache)) {
                Files.createDirectory(cache);
                created.add(cache);
            }
        }
        Path file = cache.resolve(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                .digest(session.getBytes(StandardCharsets.UTF_8))) + ".json");
        created.add(file);
        Files.writeString(file, """
                {"startUrl": "https://it.awsapps.com/start", "region": "us-east-1", "accessToken": "%s",
                 "expiresAt": "%s"}""".formatted(TOKEN, expiresAt.truncatedTo(ChronoUnit.SECONDS)));
    }

    private void ssoConfig() throws Exception {
        Files.writeString(Files.createDirectories(home.resolve(".aws")).resolve("config"), """
                [profile dev]
                sso_session = %s
                sso_account_id = 123456789012
                sso_role_name = Developer
                [sso-session %s]
                sso_region = us-east-1
                sso_start_url = https://it.awsapps.com/start
                """.formatted(session, session));
    }

    private RuntimeFixture runtime(String profile) {
        return RuntimeFixture.start(state, Map.of("endpoint.mode", "host-gateway",
                        "credentials.endpoint.strategy", "profile", "upstream.sts.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("HOME", home.toString(), "ECS_ENDPOINT_AWS_PROFILE", profile,
                        "AWS_ENDPOINT_URL_SSO", portal.endpoint().toString()));
    }

    /** Runs a task that prints its role credentials; returns the identity they have at moto. */
    private static String taskIdentity(RuntimeFixture runtime, MotoServer moto) throws Exception {
        runtime.post("RegisterTaskDefinition", """
                {"family": "profiled", "taskRoleArn": "%s", "containerDefinitions": [
                  {"name": "app", "image": "%s", "memory": 32, "command": ["sh", "-c",
                    "wget -q -O- http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI"]}]}"""
                .formatted(ROLE, TestImages.BUSYBOX));
        Task task = runtime.ecs().runTask(r -> r.taskDefinition("profiled")).tasks().get(0);
        Task stopped = runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofSeconds(60));
        String id = stopped.containers().get(0).runtimeId();
        try {
            JsonNode credentials = JSON.readTree(TestImages.run(List.of("docker", "logs", id)));
            try (StsClient sts = StsClient.builder().endpointOverride(moto.endpoint()).region(Region.US_EAST_1)
                    .httpClient(UrlConnectionHttpClient.create())
                    .credentialsProvider(StaticCredentialsProvider.create(AwsSessionCredentials.create(
                            credentials.get("AccessKeyId").asText(), credentials.get("SecretAccessKey").asText(),
                            credentials.get("Token").asText()))).build()) {
                return sts.getCallerIdentity().arn();
            }
        } finally {
            TestImages.run(List.of("docker", "rm", "-f", id));
        }
    }

    /** The STS requests moto received: action and parameters, with the access key that signed each. */
    private List<Map<String, String>> stsRequests() throws Exception {
        String recording = RuntimeFixture.send(HttpRequest.newBuilder(URI.create(moto.endpoint()
                + "/moto-api/recorder/download-recording")).build()).body();
        List<Map<String, String>> requests = new ArrayList<>();
        for (String line : recording.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            JsonNode entry = JSON.readTree(line);
            String body = entry.path("body").asText();
            if (entry.path("body_encoded").asBoolean()) {
                body = new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8);
            }
            Map<String, String> request = new HashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                request.put(kv[0], kv.length > 1 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
            }
            String authorization = entry.path("headers").path("Authorization").asText("");
            request.put("signedBy", authorization.replaceAll(".*Credential=([^/]*)/.*", "$1"));
            requests.add(request);
        }
        return requests;
    }

    private static JsonNode health(RuntimeFixture runtime) throws Exception {
        return JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(URI.create(runtime.endpoint() + "/health"))
                .build()).body());
    }

    @Test
    void anSsoLoginVendsTaskRolesAssumedWithTheSsoCredentials() throws Exception {
        ssoConfig();
        cacheToken(Instant.now().plusSeconds(3600));
        try (RuntimeFixture runtime = runtime("dev")) {
            assertThat(taskIdentity(runtime, moto)).contains(":assumed-role/app/");
            assertThat(portal.calls).isNotEmpty().allSatisfy(call -> {
                assertThat(call.token()).isEqualTo(TOKEN);
                assertThat(call.query()).contains("role_name=Developer").contains("account_id=123456789012");
            });
            assertThat(stsRequests()).filteredOn(r -> "AssumeRole".equals(r.get("Action")))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("RoleArn")).isEqualTo(ROLE);
                        assertThat(r.get("signedBy")).as("assumed with the SSO credentials").isEqualTo("ASIASSOLOGIN");
                    });
            JsonNode health = health(runtime);
            assertThat(health.at("/endpoint/credentials/strategy").asText()).isEqualTo("profile");
            assertThat(health.at("/endpoint/credentials/status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void anExpiredSsoLoginMakesHealthSayWhichCommandToRun() throws Exception {
        ssoConfig();
        cacheToken(Instant.now().minusSeconds(300));
        try (RuntimeFixture runtime = runtime("dev")) {
            JsonNode health = health(runtime);
            assertThat(health.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(health.at("/endpoint/credentials/status").asText()).isEqualTo("DOWN");
            assertThat(health.at("/endpoint/credentials/problem").asText())
                    .contains("profile 'dev'").contains("aws sso login --profile dev").doesNotContain(TOKEN);
            assertThat(portal.calls).as("an expired token is never sent").isEmpty();
        }
    }

    @Test
    void aWebIdentityProfileAssumesItsRoleAtStsWithTheTokenFile() throws Exception {
        Path token = home.resolve("web-identity-token");
        Files.writeString(token, "eyJhbGciOiJSUzI1NiJ9.test-web-identity.token");
        Files.writeString(Files.createDirectories(home.resolve(".aws")).resolve("config"), """
                [profile ci]
                role_arn = arn:aws:iam::123456789012:role/ci-deployer
                web_identity_token_file = %s
                role_session_name = pipeline
                """.formatted(token));
        try (RuntimeFixture runtime = runtime("ci")) {
            assertThat(taskIdentity(runtime, moto)).contains(":assumed-role/app/");
            List<Map<String, String>> requests = stsRequests();
            assertThat(requests).filteredOn(r -> "AssumeRoleWithWebIdentity".equals(r.get("Action")))
                    .singleElement().satisfies(r -> {
                        assertThat(r.get("RoleArn")).isEqualTo("arn:aws:iam::123456789012:role/ci-deployer");
                        assertThat(r.get("RoleSessionName")).isEqualTo("pipeline");
                        assertThat(r.get("WebIdentityToken")).isEqualTo(Files.readString(token));
                    });
            assertThat(requests).filteredOn(r -> "AssumeRole".equals(r.get("Action"))).singleElement()
                    .satisfies(r -> assertThat(r.get("signedBy")).as("with the web identity role's keys")
                            .startsWith("ASIA").isNotEqualTo("ASIASSOLOGIN"));
        }
    }
}
