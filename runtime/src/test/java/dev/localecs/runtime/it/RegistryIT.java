package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.localecs.runtime.aws.RegistryLogin;
import dev.localecs.runtime.aws.RegistryLogins;
import dev.localecs.runtime.aws.TaskRoleCredentials;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecs.model.Task;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Private images: {@code repositoryCredentials} read from a real moto_server Secrets Manager log the engine in
 * to a registry that wants basic auth (a minimal registry served by this test); ECR logins come from moto's
 * GetAuthorizationToken.
 */
class RegistryIT {
    @TempDir
    Path state;
    @TempDir
    Path work;
    private MotoServer moto;
    private HttpServer registry;
    private final AtomicInteger refused = new AtomicInteger();
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private byte[] manifest;
    private String manifestDigest;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() throws Exception {
        moto = MotoServer.start(work);
        buildImage();
        registry = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        registry.createContext("/v2/", this::serve);
        registry.start();
    }

    @AfterEach
    void stop() {
        registry.stop(0);
        moto.close();
    }

    private static String sha256(byte[] bytes) throws Exception {
        return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private void buildImage() throws Exception {
        Path root = Files.createDirectories(work.resolve("rootfs/bin"));
        Files.copy(Path.of("/bin/busybox"), root.resolve("busybox"));
        for (String applet : List.of("sh", "echo")) {
            Files.createSymbolicLink(root.resolve(applet), Path.of("busybox"));
        }
        Path tar = work.resolve("layer.tar");
        TestImages.run(List.of("tar", "-C", work.resolve("rootfs").toString(), "-cf", tar.toString(), "."));
        byte[] layerTar = Files.readAllBytes(tar);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(layerTar);
        }
        byte[] layer = gz.toByteArray();
        byte[] config = ("{\"architecture\":\"amd64\",\"os\":\"linux\",\"config\":{\"Env\":[\"PATH=/bin\"],"
                + "\"Cmd\":[\"sh\",\"-c\",\"echo pulled-with-auth\"]},\"rootfs\":{\"type\":\"layers\","
                + "\"diff_ids\":[\"" + sha256(layerTar) + "\"]}}").getBytes(StandardCharsets.UTF_8);
        blobs.put(sha256(layer), layer);
        blobs.put(sha256(config), config);
        manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.docker.distribution.manifest.v2+json\","
                + "\"config\":{\"mediaType\":\"application/vnd.docker.container.image.v1+json\",\"size\":"
                + config.length + ",\"digest\":\"" + sha256(config) + "\"},\"layers\":[{\"mediaType\":"
                + "\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"size\":" + layer.length + ",\"digest\":\""
                + sha256(layer) + "\"}]}").getBytes(StandardCharsets.UTF_8);
        manifestDigest = sha256(manifest);
    }

    private void serve(HttpExchange exchange) throws IOException {
        String expected = "Basic " + Base64.getEncoder().encodeToString("puller:pull-secret".getBytes(StandardCharsets.UTF_8));
        if (!expected.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            refused.incrementAndGet();
            exchange.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"test\"");
            exchange.sendResponseHeaders(401, -1);
            exchange.close();
            return;
        }
        String path = exchange.getRequestURI().getPath();
        byte[] body;
        if (path.equals("/v2/")) {
            body = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
        } else if (path.contains("/manifests/")) {
            body = manifest;
            exchange.getResponseHeaders().add("Content-Type", "application/vnd.docker.distribution.manifest.v2+json");
            exchange.getResponseHeaders().add("Docker-Content-Digest", manifestDigest);
        } else if (path.contains("/blobs/")) {
            body = blobs.get(path.substring(path.lastIndexOf('/') + 1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        } else {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        boolean head = exchange.getRequestMethod().equals("HEAD");
        if (head) {
            exchange.getResponseHeaders().add("Content-Length", Integer.toString(body.length));
        }
        exchange.sendResponseHeaders(200, head ? -1 : body.length);
        if (!head) {
            exchange.getResponseBody().write(body);
        }
        exchange.close();
    }

    private static Task await(RuntimeFixture runtime, String arn) throws InterruptedException {
        return runtime.awaitStatus("default", arn, "STOPPED", Duration.ofSeconds(60));
    }

    @Test
    void repositoryCredentialsLogTheEngineInToAPrivateRegistry() throws Exception {
        String secretArn;
        try (SecretsManagerClient sm = SecretsManagerClient.builder().endpointOverride(moto.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("t", "t"))).build()) {
            secretArn = sm.createSecret(r -> r.name("registry-login")
                    .secretString("{\"username\":\"puller\",\"password\":\"pull-secret\"}")).arn();
        }
        String repository = "127.0.0.1:" + registry.getAddress().getPort() + "/private/app";
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of(
                        "upstream.sts.endpoint", moto.endpoint().toString(),
                        "upstream.secretsmanager.endpoint", moto.endpoint().toString(),
                        "tasks.remove-containers", "never"),
                Map.of("ECS_ENDPOINT_AWS_ACCESS_KEY_ID", "AKIDENDPOINT", "ECS_ENDPOINT_AWS_SECRET_ACCESS_KEY", "s"))) {
            runtime.post("RegisterTaskDefinition", """
                    {"family": "anonymous-pull", "containerDefinitions": [
                      {"name": "app", "image": "%s:anonymous", "memory": 32}]}""".formatted(repository));
            Task refusedTask = await(runtime, runtime.ecs().runTask(r -> r.taskDefinition("anonymous-pull")).tasks()
                    .get(0).taskArn());
            assertThat(refusedTask.containers().get(0).reason()).startsWith("CannotPullContainerError: ");
            assertThat(refused.get()).isPositive();

            runtime.post("RegisterTaskDefinition", """
                    {"family": "private-pull", "executionRoleArn": "arn:aws:iam::123456789012:role/exec",
                     "containerDefinitions": [{"name": "app", "image": "%s:1", "memory": 32,
                       "repositoryCredentials": {"credentialsParameter": "%s"}}]}""".formatted(repository, secretArn));
            Task pulled = await(runtime, runtime.ecs().runTask(r -> r.taskDefinition("private-pull")).tasks().get(0)
                    .taskArn());
            assertThat(pulled.containers().get(0).exitCode()).as(pulled.toString()).isZero();
            assertThat(TestImages.run(List.of("docker", "logs", pulled.containers().get(0).runtimeId())))
                    .contains("pulled-with-auth");
            assertThat(pulled.containers().get(0).imageDigest()).isEqualTo(manifestDigest);
            TestImages.run(List.of("sh", "-c", "docker rm -f " + pulled.containers().get(0).runtimeId()
                    + " >/dev/null; docker rmi -f " + repository + ":1 >/dev/null"));
        }
    }

    @Test
    void ecrImagesGetAnAuthorizationTokenLogin() {
        TaskRoleCredentials credentials = new TaskRoleCredentials(Optional::empty,
                Map.of("AWS_ACCESS_KEY_ID", "AKIDBASE", "AWS_SECRET_ACCESS_KEY", "s"), Optional.of(moto.endpoint()),
                Optional.of(moto.endpoint()), "us-east-1", Clock.systemUTC());
        RegistryLogins logins = new RegistryLogins(credentials, Optional.of(moto.endpoint()),
                Optional.of(moto.endpoint()), "us-east-1");

        Optional<RegistryLogin> login = logins.forImage("0123456789abcdef0123456789abcdef", Optional.empty(), "app",
                "123456789012.dkr.ecr.us-east-1.amazonaws.com/team/app:7", Optional.empty());

        assertThat(login).hasValueSatisfying(l -> {
            assertThat(l.registry()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com");
            assertThat(l.username()).isEqualTo("AWS");
            assertThat(l.password()).isNotBlank();
            assertThat(l.toString()).doesNotContain(l.password());
        });
        assertThat(logins.forImage("t", Optional.empty(), "app", "busybox:1", Optional.empty()))
                .as("public images need no login").isEmpty();
    }
}
