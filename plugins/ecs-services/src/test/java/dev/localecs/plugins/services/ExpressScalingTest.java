package dev.localecs.plugins.services;

import static dev.localecs.plugins.services.ServiceFixture.id;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.TaskUsage;
import dev.localecs.api.model.Task;
import dev.localecs.plugins.services.network.TargetFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Express services applied: the scheduler replaces a task the front door found UNHEALTHY on the health check
 * path, and the scaling period measures the service's metric and moves its desired count.
 */
class ExpressScalingTest {
    private static final String ROLE = "arn:aws:iam::000000000000:role/";
    /** A sample every 10 s; out after 2 high samples, in after 3 low ones; cooldowns 20 s out, 30 s in. */
    private static final ScalingSettings SETTINGS = new ScalingSettings(Duration.ofSeconds(10), 2, 3,
            Duration.ofSeconds(20), Duration.ofSeconds(30));

    private final ServiceFixture fixture = new ServiceFixture();
    private final Map<String, TargetFailure> unhealthy = new java.util.concurrent.ConcurrentHashMap<>();
    private final ServiceScheduler scheduler = new ServiceScheduler(fixture.context, ServiceStore.of(fixture.context),
            arn -> Optional.ofNullable(unhealthy.get(arn)));
    private final AtomicLong requests = new AtomicLong();
    private final ExpressScaling scaling = new ExpressScaling(fixture.context, ServiceStore.of(fixture.context),
            SETTINGS, key -> "default/shop".equals(key) ? requests.get() : 0);

    private void create(String scalingTarget) {
        fixture.context.call(new CreateExpressGatewayServiceAction(fixture.context), "{\"serviceName\":\"shop\","
                + "\"executionRoleArn\":\"" + ROLE + "exec\",\"infrastructureRoleArn\":\"" + ROLE + "infra\","
                + "\"primaryContainer\":{\"image\":\"nginx:1.27\",\"containerPort\":8080},\"scalingTarget\":"
                + scalingTarget + "}");
        settle();
    }

    /** The scheduler's step and the engine starting what it launched. */
    private void settle() {
        scheduler.reconcileAll();
        fixture.runAll("shop");
        scheduler.reconcileAll();
    }

    private int period() {
        fixture.clock.advance(Duration.ofSeconds(10));
        scaling.step();
        settle();
        return fixture.describe("shop").get("desiredCount").asInt();
    }

    private static List<String> events(JsonNode service) {
        List<String> messages = new ArrayList<>();
        service.path("events").forEach(event -> messages.add(event.get("message").asText()));
        return messages;
    }

    @Test
    void aTaskFailingTheFrontDoorsHealthCheckIsReplacedAsAnElbUnhealthyTask() {
        create("{\"minTaskCount\":2,\"maxTaskCount\":2}");
        Task sick = fixture.live("shop").getFirst();
        unhealthy.put(sick.taskArn(), new TargetFailure(sick.taskArn(), 8080, "front door 127.0.0.1:8080",
                "Health checks failed with these codes: [500]"));
        settle();
        Task stopped = fixture.context.tasks().find("default", id(sick)).orElseThrow();
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        assertThat(stopped.stoppedReason()).isEqualTo("Task failed ELB health checks in (front door 127.0.0.1:8080)");
        assertThat(fixture.live("shop")).hasSize(2).noneMatch(task -> task.taskArn().equals(sick.taskArn()));
        assertThat(events(fixture.describe("shop"))).contains(
                "(service shop) (task " + id(sick) + ") (port 8080) is unhealthy in (front door 127.0.0.1:8080) due to "
                        + "(reason Health checks failed with these codes: [500]).",
                "(service shop) has stopped 1 running tasks: (task " + id(sick) + ").");
    }

    @Test
    void theHealthCheckGracePeriodHoldsOffTheReplacement() {
        create("{\"minTaskCount\":1,\"maxTaskCount\":1}");
        ServiceStore store = ServiceStore.of(fixture.context);
        store.locked("default/shop", () -> {
            StoredService service = store.find("default", "shop").orElseThrow();
            var members = service.members().deepCopy();
            members.put("healthCheckGracePeriodSeconds", 30);
            return store.put(service.withMembers(members));
        });
        Task task = fixture.live("shop").getFirst();
        unhealthy.put(task.taskArn(), new TargetFailure(task.taskArn(), 8080, "front door 127.0.0.1:8080",
                "Request timed out"));
        settle();
        assertThat(fixture.context.tasks().find("default", id(task)).orElseThrow().desiredStatus())
                .isEqualTo("RUNNING");
        fixture.clock.advance(Duration.ofSeconds(31));
        settle();
        assertThat(fixture.context.tasks().find("default", id(task)).orElseThrow().stoppedReason())
                .isEqualTo("Task failed ELB health checks in (front door 127.0.0.1:8080)");
    }

    @Test
    void requestsPerTargetScaleOutWithinTheMaximumAndBackInToTheMinimum() {
        create("{\"minTaskCount\":1,\"maxTaskCount\":3,\"autoScalingMetric\":\"REQUEST_COUNT_PER_TARGET\","
                + "\"autoScalingTargetValue\":60}");
        assertThat(period()).as("the first period sets the baseline").isEqualTo(1);
        requests.addAndGet(30); // 30 in 10 s on one task: 180 per target per minute
        assertThat(period()).isEqualTo(1);
        requests.addAndGet(30);
        assertThat(period()).as("two high samples: ceil(1 × 180 / 60) = 3").isEqualTo(3);
        assertThat(fixture.live("shop")).hasSize(3);
        assertThat(events(fixture.describe("shop"))).first().asString().startsWith("(service shop) has ");
        requests.addAndGet(600);
        assertThat(period()).isEqualTo(3);
        requests.addAndGet(600);
        assertThat(period()).as("at most maxTaskCount").isEqualTo(3);
        // quiet: three low samples, and the cooldowns long past
        assertThat(period()).isEqualTo(3);
        assertThat(period()).isEqualTo(3);
        assertThat(period()).isEqualTo(1);
        assertThat(fixture.live("shop")).hasSize(1);
        assertThat(events(fixture.describe("shop")).getFirst()).isEqualTo("(service shop) has reached a steady state.");
    }

    @Test
    void averageCpuComesFromTheTasksUsageAgainstTheTaskCpu() {
        create("{\"minTaskCount\":2,\"maxTaskCount\":4,\"autoScalingMetric\":\"AVERAGE_CPU\","
                + "\"autoScalingTargetValue\":50}");
        // 256 CPU units reserved: 230.4 units is 90%, 25.6 is 10%; the mean is 50%: on target
        List<Task> tasks = fixture.live("shop");
        fixture.context.tasks().usage(id(tasks.get(0)), new TaskUsage(230.4, 100));
        fixture.context.tasks().usage(id(tasks.get(1)), new TaskUsage(25.6, 100));
        for (int i = 0; i < 5; i++) {
            assertThat(period()).isEqualTo(2);
        }
        fixture.context.tasks().usage(id(tasks.get(1)), new TaskUsage(230.4, 100));
        period();
        assertThat(period()).as("90% of 256 on both: ceil(2 × 90 / 50) = 4").isEqualTo(4);
    }

    @Test
    void averageMemoryComesFromTheTasksUsageAgainstTheTaskMemory() {
        create("{\"minTaskCount\":1,\"maxTaskCount\":4,\"autoScalingMetric\":\"AVERAGE_MEMORY\","
                + "\"autoScalingTargetValue\":50}");
        fixture.context.tasks().usage(id(fixture.live("shop").getFirst()), new TaskUsage(0, 384)); // 75% of 512
        period();
        assertThat(period()).as("ceil(1 × 75 / 50) = 2").isEqualTo(2);
    }

    @Test
    void anUpdateKeepsTheScaledCountWithinTheNewBounds() {
        create("{\"minTaskCount\":1,\"maxTaskCount\":3,\"autoScalingMetric\":\"REQUEST_COUNT_PER_TARGET\","
                + "\"autoScalingTargetValue\":60}");
        period();
        requests.addAndGet(300);
        period();
        requests.addAndGet(300);
        assertThat(period()).isEqualTo(3);
        fixture.context.call(new UpdateExpressGatewayServiceAction(fixture.context), "{\"serviceArn\":"
                + "\"arn:aws:ecs:us-east-1:000000000000:service/default/shop\",\"memory\":\"1024\"}");
        assertThat(fixture.describe("shop").get("desiredCount").asInt()).as("kept").isEqualTo(3);
        fixture.context.call(new UpdateExpressGatewayServiceAction(fixture.context), "{\"serviceArn\":"
                + "\"arn:aws:ecs:us-east-1:000000000000:service/default/shop\",\"scalingTarget\":{\"minTaskCount\":1,"
                + "\"maxTaskCount\":2}}");
        assertThat(fixture.describe("shop").get("desiredCount").asInt()).as("within the new maximum").isEqualTo(2);
    }
}
