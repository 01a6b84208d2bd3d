package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.EcsClient;
import software.amazon.awssdk.services.ecs.model.ContainerDefinition;
import software.amazon.awssdk.services.ecs.model.EcsException;

/** Operations no plugin handles, and definitions only upstream has, are answered by a real moto_server. */
class UpstreamProxyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    @TempDir
    Path state;
    @TempDir
    Path logs;
    private MotoServer moto;
    private RuntimeFixture runtime;

    @BeforeEach
    void start() {
        moto = MotoServer.start(logs);
        // operations a plugin serves go upstream only when configuration says so, per operation
        runtime = RuntimeFixture.start(state, Map.of("upstream.ecs.endpoint", moto.endpoint().toString(),
                        "actions.ListDaemons.plugin", "upstream", "actions.DescribeTaskSets.plugin", "upstream",
                        "actions.ListServiceDeployments.plugin", "upstream",
                        "actions.SubmitAttachmentStateChanges.plugin", "upstream"),
                Map.of("AWS_ACCESS_KEY_ID", "AKIDRUNTIME", "AWS_SECRET_ACCESS_KEY", "runtime-secret"));
    }

    @AfterEach
    void stop() {
        runtime.close();
        moto.close();
    }

    @Test
    void unhandledOperationsAreAnsweredByUpstream() {
        String taskSetArn;
        try (EcsClient upstream = moto.ecs()) {
            upstream.createCluster(r -> r.clusterName("upstream-only"));
            upstream.registerTaskDefinition(r -> r.family("svc-td").containerDefinitions(
                    ContainerDefinition.builder().name("a").image("busybox").memory(32).build()));
            upstream.createService(r -> r.cluster("upstream-only").serviceName("web").taskDefinition("svc-td")
                    .desiredCount(0).deploymentController(c -> c.type("EXTERNAL")));
            taskSetArn = upstream.createTaskSet(r -> r.cluster("upstream-only").service("web")
                    .taskDefinition("svc-td")).taskSet().taskSetArn();
        }

        assertThat(runtime.ecs().describeTaskSets(r -> r.cluster("upstream-only").service("web")).taskSets())
                .as("an operation served only upstream").singleElement()
                .satisfies(taskSet -> assertThat(taskSet.taskSetArn()).isEqualTo(taskSetArn));
        assertThatThrownBy(() -> runtime.ecs().describeTaskSets(r -> r.cluster("nowhere").service("x")))
                .as("upstream's own errors come back as they are")
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorCode())
                            .isEqualTo("ClusterNotFoundException");
                });
    }

    @Test
    void aNameThatIsNotAnEcsOperationIsNotForwardedToUpstream() throws Exception {
        var response = runtime.post("NoSuchOperation", "{}");

        assertThat(response.statusCode()).as("moto_server would answer an HTML 500").isEqualTo(400);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("UnknownOperationException");
        assertThat(JSON.readTree(response.body()).get("message").asText())
                .isEqualTo("Operation NoSuchOperation is not an Amazon ECS operation and no plugin serves it.");
    }

    @Test
    void anOperationMotoDoesNotImplementIsAServerExceptionNotItsHtmlPage() {
        // moto_server 5 answers ECS operations it lacks with a Werkzeug HTML "500 Internal Server Error" page
        // (an agent operation, sent upstream by configuration: every ECS operation has a local handler)
        assertThatThrownBy(() -> runtime.ecs().submitAttachmentStateChanges(r -> r.cluster("c").attachments(
                        software.amazon.awssdk.services.ecs.model.AttachmentStateChange.builder()
                                .attachmentArn("arn:aws:ecs:us-east-1:000000000000:attachment/a").status("ATTACHED")
                                .build())))
                .isInstanceOfSatisfying(EcsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(500);
                    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ServerException");
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Upstream endpoint " + moto.endpoint()
                            + " answered SubmitAttachmentStateChanges with HTTP 500 and a body that is not an AWS JSON "
                            + "error (text/html");
                    assertThat(e.requestId()).as("the runtime's request id").matches("[0-9a-f-]{36}");
                });
    }

    @Test
    void definitionRegisteredOnlyUpstreamIsDescribedThroughTheRuntime() {
        try (EcsClient upstream = moto.ecs()) {
            upstream.registerTaskDefinition(r -> r.family("remote").containerDefinitions(
                    ContainerDefinition.builder().name("app").image("remote/app:7").memory(64).build()));
        }

        var described = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("remote")).taskDefinition();
        assertThat(described.family()).isEqualTo("remote");
        assertThat(described.containerDefinitions().get(0).image()).isEqualTo("remote/app:7");
        assertThat(runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("remote:1")).taskDefinition()
                .revision()).isEqualTo(1);
        assertThatThrownBy(() -> runtime.ecs().describeTaskDefinition(r -> r.taskDefinition("nowhere")))
                .hasMessageContaining("Unable to describe task definition.");
        assertThat(runtime.ecs().listTaskDefinitions().taskDefinitionArns())
                .as("upstream definitions are not copied into the local registry").isEmpty();
    }

    @Test
    void upstreamDownIsAServerExceptionNamingTheEndpoint() throws Exception {
        moto.close();

        assertThatThrownBy(() -> runtime.ecs().listDaemons(r -> r.clusterArn("x")))
                .isInstanceOf(EcsException.class)
                .satisfies(e -> assertThat(((EcsException) e).statusCode()).isEqualTo(500))
                .hasMessageContaining("Upstream endpoint " + moto.endpoint() + " is unavailable");
        JsonNode health = JSON.readTree(RuntimeFixture.send(HttpRequest.newBuilder(
                URI.create(runtime.endpoint() + "/health")).build()).body());
        assertThat(health.at("/upstream/ecs/configured").asBoolean()).isTrue();
        assertThat(health.at("/upstream/ecs/endpoint").asText()).isEqualTo(moto.endpoint().toString());
        assertThat(health.at("/upstream/ecs/credentials").asText()).isEqualTo("environment");
        assertThat(health.toString()).doesNotContain("runtime-secret");
    }
}
