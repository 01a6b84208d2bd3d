package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.ExpressGatewayServiceStatusCode;
import software.amazon.awssdk.services.ecs.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ecs.model.Service;

/**
 * Express gateway services through the AWS SDK for Java v2 on the simulated engine: created as a running ECS
 * service with its task definition and front-door endpoint, updated (a new revision rolls), deleted.
 */
class ExpressGatewayServicesIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/";
    @TempDir
    Path state;
    private RuntimeFixture runtime;

    private int door;

    @BeforeEach
    void start() throws java.io.IOException {
        try (var probe = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            door = probe.getLocalPort();
        }
        runtime = RuntimeFixture.start(state, Map.of("tasks.engine", "simulated",
                "front-door.port.express-web", Integer.toString(door)));
    }

    @AfterEach
    void stop() {
        runtime.close();
    }

    private Service service() {
        return runtime.ecs().describeServices(r -> r.services("express-web")).services().getFirst();
    }

    private java.util.List<String> stopped() {
        var arns = runtime.ecs().listTasks(r -> r.serviceName("express-web").desiredStatus("STOPPED")).taskArns();
        return arns.isEmpty() ? java.util.List.of() : runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks()
                .stream().map(t -> t.stoppedReason() + " " + t.containers()).toList();
    }

    @Test
    void anExpressServiceRunsUpdatesAndIsDeleted() throws InterruptedException {
        var created = runtime.ecs().createExpressGatewayService(r -> r.serviceName("express-web")
                .executionRoleArn(ROLE + "exec").infrastructureRoleArn(ROLE + "infra")
                .primaryContainer(c -> c.image("busybox").containerPort(8080).command("httpd", "-f"))
                .scalingTarget(s -> s.minTaskCount(1).maxTaskCount(3))).service();
        String arn = created.serviceArn();
        assertThat(arn).isEqualTo("arn:aws:ecs:us-east-1:000000000000:service/default/express-web");
        assertThat(created.status().statusCode()).isEqualTo(ExpressGatewayServiceStatusCode.ACTIVE);
        assertThat(created.activeConfigurations()).singleElement().satisfies(configuration -> {
            assertThat(configuration.cpu()).isEqualTo("256");
            assertThat(configuration.memory()).isEqualTo("512");
            assertThat(configuration.ingressPaths().getFirst().endpoint()).isEqualTo("http://127.0.0.1:" + door);
        });

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        // one task: the simulated engine publishes every awsvpc container port on the host, so two tasks of one
        // definition conflict there (tasks.awsvpc-host-ports applies to the Docker engine)
        while (service().runningCount() < 1) {
            assertThat(System.nanoTime()).as("its task running: " + service() + "; stopped: " + stopped())
                    .isLessThan(deadline);
            Thread.sleep(100);
        }
        var definition = runtime.ecs().describeTaskDefinition(r -> r.taskDefinition(service().taskDefinition()))
                .taskDefinition();
        assertThat(definition.family()).isEqualTo("express-web");
        assertThat(definition.containerDefinitions().getFirst().command()).containsExactly("httpd", "-f");

        var updated = runtime.ecs().updateExpressGatewayService(r -> r.serviceArn(arn).memory("1024")).service();
        assertThat(updated.targetConfiguration().memory()).isEqualTo("1024");
        assertThat(service().taskDefinition()).endsWith("task-definition/express-web:2");
        assertThat(runtime.ecs().describeExpressGatewayService(r -> r.serviceArn(arn)).service()
                .activeConfigurations().getFirst().memory()).isEqualTo("1024");

        var deleted = runtime.ecs().deleteExpressGatewayService(r -> r.serviceArn(arn)).service();
        assertThat(deleted.status().statusCode()).isEqualTo(ExpressGatewayServiceStatusCode.DRAINING);
        assertThatThrownBy(() -> runtime.ecs().describeExpressGatewayService(r -> r.serviceArn(
                "arn:aws:ecs:us-east-1:000000000000:service/default/nope")))
                .isInstanceOf(ResourceNotFoundException.class);
    }
}
