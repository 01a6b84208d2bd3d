package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An express gateway service on the real Docker engine through boto3: busybox httpd serving a page that names its
 * container and a CGI health check on {@code healthCheckPath} that answers 500 once {@code /tmp/sick} exists. A
 * task made sick is no longer routed to by the front door and is replaced as an ELB-unhealthy task once the
 * service's grace period is over; load through the front door (requests per target) scales the service out to
 * {@code maxTaskCount} and, once it stops, back in to {@code minTaskCount}. A task that keeps a CPU busy scales
 * its service out on AVERAGE_CPU, measured from Docker's stats.
 */
class ExpressGatewayDockerIT {
    private static final String ROLE = "arn:aws:iam::000000000000:role/";
    private static final String NAME = "express-helper-it";
    private static final String SCRIPT = "mkdir -p /www/cgi-bin && cat /proc/sys/kernel/random/uuid > /www/index.html"
            + " && { echo '#!/bin/sh'; echo '[ -e /tmp/sick ] && echo \"Status: 500 Internal Server Error\"';"
            + " echo 'echo \"Content-Type: text/plain\"'; echo 'echo'; echo 'echo ok'; } > /www/cgi-bin/health"
            + " && chmod +x /www/cgi-bin/health && { httpd -f -p 8080 -h /www & pid=$!;"
            // the shell is PID 1: without a trap it would ignore the scheduler's SIGTERM until the stop timeout
            + " trap 'kill $pid; exit 0' TERM; wait $pid; }";

    @TempDir
    Path state;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @AfterEach
    void removeLeftovers() throws Exception {
        Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=" + NAME);
    }

    @Test
    void aSickTargetIsNotRoutedToAndReplacedAndLoadScalesOutAndBackIn() throws Exception {
        int door;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            door = probe.getLocalPort();
        }
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tasks.remove-containers", "immediately");
        config.put("front-door.port." + NAME, Integer.toString(door));
        config.put("front-door.health-check.interval-seconds", "1");
        config.put("front-door.health-check.timeout-seconds", "1");
        config.put("express-scaling.period-seconds", "1");
        config.put("express-scaling.scale-out-periods", "2");
        config.put("express-scaling.scale-in-periods", "3");
        config.put("express-scaling.scale-out-cooldown-seconds", "1");
        config.put("express-scaling.scale-in-cooldown-seconds", "2");
        try (RuntimeFixture runtime = RuntimeFixture.start(state, config)) {
            Boto3 ecs = new Boto3(runtime.endpoint());
            JsonNode created = ecs.call("create_express_gateway_service", Map.of("serviceName", NAME,
                    "executionRoleArn", ROLE + "exec", "infrastructureRoleArn", ROLE + "infra",
                    "healthCheckPath", "/cgi-bin/health",
                    "primaryContainer", Map.of("image", TestImages.BUSYBOX, "containerPort", 8080,
                            "command", List.of("sh", "-c", SCRIPT)),
                    "scalingTarget", Map.of("minTaskCount", 2, "maxTaskCount", 3,
                            "autoScalingMetric", "REQUEST_COUNT_PER_TARGET", "autoScalingTargetValue", 600)))
                    .get("service");
            assertThat(created.at("/activeConfigurations/0/ingressPaths/0/endpoint").asText())
                    .isEqualTo("http://127.0.0.1:" + door);
            // the service behind it is an ordinary ECS service: its grace period lets the test watch the routing
            // of an UNHEALTHY target before the scheduler replaces it
            ecs.call("update_service", Map.of("service", NAME, "healthCheckGracePeriodSeconds", 40));

            await(() -> servedBy(door, 12).size() == 2, Duration.ofSeconds(60), "both tasks to answer through the door",
                    () -> describe(ecs).toString());
            List<JsonNode> tasks = runningTasks(ecs);
            assertThat(tasks).hasSize(2);
            JsonNode sick = tasks.getFirst();
            String sickArn = sick.get("taskArn").asText();
            String container = Docker.run("ps", "-q", "--filter", "label=com.amazonaws.ecs.task-arn=" + sickArn,
                    "--filter", "label=com.amazonaws.ecs.container-name=Main").getFirst();
            String sickPage = Docker.run("exec", container, "cat", "/www/index.html").getFirst();
            Docker.run("exec", container, "touch", "/tmp/sick");

            // two failing checks a second apart make it UNHEALTHY; from then on only the other task answers
            Thread.sleep(4_000);
            List<String> pages = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                pages.add(request(door));
                Thread.sleep(100);
            }
            assertThat(pages).as("the front door routes around the UNHEALTHY target").doesNotContain(sickPage)
                    .doesNotContainNull();
            assertThat(describeTask(ecs, sickArn).get("lastStatus").asText()).as("within the grace period")
                    .isEqualTo("RUNNING");

            await(() -> "STOPPED".equals(describeTask(ecs, sickArn).get("lastStatus").asText()),
                    Duration.ofSeconds(60), "the sick task to be replaced", () -> describeTask(ecs, sickArn).toString());
            JsonNode stopped = describeTask(ecs, sickArn);
            assertThat(stopped.get("stoppedReason").asText())
                    .isEqualTo("Task failed ELB health checks in (front door 127.0.0.1:" + door + ")");
            assertThat(stopped.get("stopCode").asText()).isEqualTo("ServiceSchedulerInitiated");
            await(() -> runningTasks(ecs).size() == 2 && servedBy(door, 12).size() == 2, Duration.ofSeconds(60),
                    "a replacement serving", () -> describe(ecs).toString());
            assertThat(messages(describe(ecs))).anySatisfy(message -> assertThat(message).startsWith(
                    "(service " + NAME + ") (task " + sickArn.substring(sickArn.lastIndexOf('/') + 1) + ") (port 8080)"
                            + " is unhealthy in (front door 127.0.0.1:" + door + ") due to (reason Health checks "
                            + "failed with these codes: [500])."));

            // the checks so far sent at most ~8 requests a second (~240 per target per minute, below the target of
            // 600); now ~30 to 80 a second over 2 targets: 900 to 2400 per target per minute
            AtomicBoolean loading = new AtomicBoolean(true);
            AtomicInteger sent = new AtomicInteger();
            Thread load = Thread.ofVirtual().start(() -> {
                while (loading.get()) {
                    if (request(door) != null) {
                        sent.incrementAndGet();
                    }
                    try {
                        Thread.sleep(10);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            });
            try {
                await(() -> describe(ecs).get("desiredCount").asInt() == 3, Duration.ofSeconds(30),
                        "the load to scale the service out", () -> describe(ecs) + " sent " + sent.get());
                await(() -> describe(ecs).get("runningCount").asInt() == 3, Duration.ofSeconds(60),
                        "three tasks running", () -> describe(ecs).toString());
                Thread.sleep(4_000);
                assertThat(describe(ecs).get("desiredCount").asInt()).as("never above maxTaskCount").isEqualTo(3);
            } finally {
                loading.set(false);
                load.join(Duration.ofSeconds(10));
            }
            await(() -> describe(ecs).get("desiredCount").asInt() == 2 && describe(ecs).get("runningCount").asInt()
                    == 2, Duration.ofSeconds(60), "the quiet service to scale back in to minTaskCount",
                    () -> describe(ecs).toString());
            await(() -> messages(describe(ecs)).getFirst().equals("(service " + NAME + ") has reached a steady state."),
                    Duration.ofSeconds(30), "a steady state", () -> messages(describe(ecs)).toString());

            String arn = created.get("serviceArn").asText();
            ecs.call("delete_express_gateway_service", Map.of("serviceArn", arn));
            await(() -> runningTasks(ecs).isEmpty(), Duration.ofSeconds(60), "the deleted service's tasks to stop",
                    () -> describe(ecs).toString());
        }
    }

    @Test
    void aBusyTaskScalesOutOnAverageCpuMeasuredFromDockerStats() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("tasks.remove-containers", "immediately");
        config.put("front-door.port." + NAME, Integer.toString(freePort()));
        config.put("express-scaling.period-seconds", "1");
        config.put("express-scaling.scale-out-periods", "2");
        // a busy loop beside httpd: the task uses a whole core, or all its 256 CPU units if they are enforced
        String busy = "mkdir -p /www && echo ok > /www/index.html && { httpd -f -p 8080 -h /www & a=$!;"
                + " sh -c 'while :; do :; done' & b=$!; trap \"kill $a $b; exit 0\" TERM; wait; }";
        try (RuntimeFixture runtime = RuntimeFixture.start(state, config)) {
            Boto3 ecs = new Boto3(runtime.endpoint());
            ecs.call("create_express_gateway_service", Map.of("serviceName", NAME,
                    "executionRoleArn", ROLE + "exec", "infrastructureRoleArn", ROLE + "infra", "healthCheckPath", "/",
                    "primaryContainer", Map.of("image", TestImages.BUSYBOX, "containerPort", 8080,
                            "command", List.of("sh", "-c", busy)),
                    "scalingTarget", Map.of("minTaskCount", 1, "maxTaskCount", 2,
                            "autoScalingMetric", "AVERAGE_CPU", "autoScalingTargetValue", 20)));
            await(() -> describe(ecs).get("desiredCount").asInt() == 2, Duration.ofSeconds(60),
                    "CPU use above 20% of the task's 256 units to scale out", () -> describe(ecs).toString());
            await(() -> describe(ecs).get("runningCount").asInt() == 2, Duration.ofSeconds(60), "two tasks running",
                    () -> describe(ecs).toString());
            Thread.sleep(3_000);
            assertThat(describe(ecs).get("desiredCount").asInt()).as("at most maxTaskCount").isEqualTo(2);
            ecs.call("delete_express_gateway_service", Map.of("serviceArn",
                    "arn:aws:ecs:us-east-1:000000000000:service/default/" + NAME));
            await(() -> runningTasks(ecs).isEmpty(), Duration.ofSeconds(60), "the deleted service's tasks to stop",
                    () -> describe(ecs).toString());
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        }
    }

    private static JsonNode describe(Boto3 ecs) {
        return ecs.call("describe_services", Map.of("services", List.of(NAME))).at("/services/0");
    }

    private static JsonNode describeTask(Boto3 ecs, String arn) {
        return ecs.call("describe_tasks", Map.of("tasks", List.of(arn))).at("/tasks/0");
    }

    private static List<JsonNode> runningTasks(Boto3 ecs) {
        JsonNode arns = ecs.call("list_tasks", Map.of("serviceName", NAME, "desiredStatus", "RUNNING"))
                .get("taskArns");
        if (arns.isEmpty()) {
            return List.of();
        }
        List<String> list = new ArrayList<>();
        arns.forEach(arn -> list.add(arn.asText()));
        List<JsonNode> tasks = new ArrayList<>();
        ecs.call("describe_tasks", Map.of("tasks", list)).get("tasks").forEach(task -> {
            if ("RUNNING".equals(task.get("lastStatus").asText())) {
                tasks.add(task);
            }
        });
        return tasks;
    }

    private static List<String> messages(JsonNode service) {
        List<String> messages = new ArrayList<>();
        service.path("events").forEach(event -> messages.add(event.get("message").asText()));
        return messages;
    }

    /** The pages (one per container) that {@code count} requests through the door got. */
    private static Set<String> servedBy(int door, int count) {
        Set<String> pages = new HashSet<>();
        for (int i = 0; i < count; i++) {
            String page = request(door);
            if (page != null) {
                pages.add(page);
            }
            pause(100);
        }
        return pages;
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One HTTP/1.0 request (one connection) through the front door: the page's body, or null. */
    private static String request(int door) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), door)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write("GET / HTTP/1.0\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
            int body = answer.indexOf("\r\n\r\n");
            return answer.startsWith("HTTP/1.") && answer.contains(" 200 ") && body > 0
                    ? answer.substring(body + 4).trim() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private interface Condition {
        boolean holds() throws Exception;
    }

    private interface Detail {
        String text() throws Exception;
    }

    private static void await(Condition condition, Duration timeout, String what, Detail detail) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.holds()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + ": " + detail.text());
            }
            Thread.sleep(250);
        }
    }
}
