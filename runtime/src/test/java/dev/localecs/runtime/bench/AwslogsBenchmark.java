package dev.localecs.runtime.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.runtime.it.RuntimeFixture;
import dev.localecs.runtime.it.TestImages;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Prints, from one run on this machine, for one busybox container writing {@code N} lines as fast as it can
 * ({@code seq 1 N}; N = 500,000 unless given): lines per second delivered into the embedded CloudWatch Logs (container
 * start → task STOPPED, which waits for the last line), lines per second {@code docker logs} reads from the same
 * container, and the CPU the runtime's process spent on the task with delivery against the same task with
 * {@code logs.destination: none}. Run with {@code scripts/benchmark-awslogs.sh [N]}; not a test.
 */
public final class AwslogsBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();

    private AwslogsBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args the line count, optionally
     * @throws Exception when something fails
     */
    public static void main(String[] args) throws Exception {
        int lines = args.length > 0 ? Integer.parseInt(args[0]) : 500_000;
        TestImages.ensure();
        Run none = run("none", lines);
        Run embedded = run("embedded", lines);
        long dockerLogsNanos = dockerLogs(embedded.containerId(), lines);
        new ProcessBuilder("docker", "rm", "-f", none.containerId(), embedded.containerId()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor(1, TimeUnit.MINUTES);

        System.out.printf("awslogs delivery of %,d lines from one container (seq 1 %d)%n", lines, lines);
        System.out.printf("  delivered (embedded), container start -> STOPPED: %,10.0f lines/s  (%d ms)%n",
                lines / seconds(embedded.startToStoppedNanos()), embedded.startToStoppedNanos() / 1_000_000);
        System.out.printf("  docker logs reading the same container:           %,10.0f lines/s  (%d ms)%n",
                lines / seconds(dockerLogsNanos), dockerLogsNanos / 1_000_000);
        System.out.printf("  destination none, container start -> STOPPED:     %d ms%n",
                none.startToStoppedNanos() / 1_000_000);
        System.out.printf("  runtime CPU for the task: %d ms with delivery, %d ms without: delivery adds %d ms "
                        + "(%.1f µs per line)%n", embedded.cpuNanos() / 1_000_000, none.cpuNanos() / 1_000_000,
                (embedded.cpuNanos() - none.cpuNanos()) / 1_000_000,
                (embedded.cpuNanos() - none.cpuNanos()) / 1000.0 / lines);
    }

    /** One task in a fresh runtime with a destination. */
    private record Run(String containerId, long startToStoppedNanos, long cpuNanos) {
    }

    private static Run run(String destination, int lines) throws Exception {
        Path state = Files.createTempDirectory("awslogs-bench");
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "never",
                "logs.destination", destination, "logs.max-stored-mib", "1024"))) {
            var registered = runtime.post("RegisterTaskDefinition", """
                    {"family": "logs-bench", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 64,
                      "command": ["seq", "1", "%d"],
                      "logConfiguration": {"logDriver": "awslogs", "options": {"awslogs-group": "/ecs/logs-bench",
                        "awslogs-stream-prefix": "bench", "awslogs-create-group": "true"}}}]}"""
                    .formatted(TestImages.BUSYBOX, lines));
            if (registered.statusCode() != 200) {
                throw new IllegalStateException(registered.body());
            }
            long cpuBefore = processCpuNanos();
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("logs-bench")).tasks().get(0);
            Task stopped = runtime.awaitStatus("default", task.taskArn(), "STOPPED", Duration.ofMinutes(10));
            long cpu = processCpuNanos() - cpuBefore;
            if (destination.equals("embedded")) {
                String stream = "bench/app/" + task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
                var described = runtime.postTarget("Logs_20140328.DescribeLogStreams", JSON.createObjectNode()
                        .put("logGroupName", "/ecs/logs-bench").put("logStreamNamePrefix", stream).toString());
                System.out.println("  (stream " + stream + ": " + JSON.readTree(described.body())
                        .at("/logStreams/0/storedBytes").asLong() + " bytes stored)");
            }
            return new Run(stopped.containers().get(0).runtimeId(),
                    Duration.between(stopped.startedAt(), stopped.stoppedAt()).toNanos(), cpu);
        }
    }

    private static long dockerLogs(String containerId, int lines) throws Exception {
        long start = System.nanoTime();
        Process process = new ProcessBuilder("sh", "-c", "docker logs " + containerId + " | wc -l")
                .redirectErrorStream(true).start();
        String counted = new String(process.getInputStream().readAllBytes()).trim();
        if (!process.waitFor(10, TimeUnit.MINUTES) || !counted.equals(Integer.toString(lines))) {
            throw new IllegalStateException("docker logs gave " + counted + " lines");
        }
        return System.nanoTime() - start;
    }

    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }
}
