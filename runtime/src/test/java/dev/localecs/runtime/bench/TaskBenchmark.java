package dev.localecs.runtime.bench;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.HostConfig;
import dev.localecs.runtime.docker.DockerClients;
import dev.localecs.runtime.it.RuntimeFixture;
import dev.localecs.runtime.it.TestImages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * Prints, from one run on this machine: median RunTask→RUNNING (server timestamps createdAt→startedAt) for a
 * 1-container and a 5-container task; median raw docker-java create+start of the same containers (same image,
 * command, memory limit and network); median
 * {@code docker-compose up -d} of the same effective file; and DescribeTasks of 100 tasks with few and with
 * many tasks known. Run with {@code scripts/benchmark-tasks.sh}; not a test.
 */
public final class TaskBenchmark {
    private static final int RUNS = 9;

    private TaskBenchmark() {
    }

    /**
     * Runs the benchmark.
     *
     * @param args unused
     * @throws Exception when something fails
     */
    public static void main(String[] args) throws Exception {
        TestImages.ensure();
        Path state = Files.createTempDirectory("task-bench");
        try (RuntimeFixture runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "immediately"));
             DockerClient docker = DockerClients.create("unix:///var/run/docker.sock", Duration.ofMinutes(1))) {
            if (List.of(args).contains("--run-task-only")) {
                register(runtime, "bench-1", 1);
                runTaskCalls(runtime);
                return;
            }
            for (int containers : new int[] {1, 5}) {
                String family = "bench-" + containers;
                register(runtime, family, containers);
                List<Long> runTask = new ArrayList<>();
                List<String> started = new ArrayList<>();
                Path effective = null;
                for (int i = 0; i < RUNS; i++) {
                    Task task = runtime.ecs().runTask(r -> r.taskDefinition(family)).tasks().get(0);
                    Task running = awaitRunning(runtime, task.taskArn());
                    runTask.add(Duration.between(running.createdAt(), running.startedAt()).toMillis());
                    effective = effectiveFile(state, task);
                    Path copy = Files.createTempFile("bench-effective", ".yml");
                    Files.copy(effective, copy, StandardCopyOption.REPLACE_EXISTING);
                    effective = copy;
                    runtime.ecs().stopTask(r -> r.task(task.taskArn()));
                    started.add(task.taskArn());
                }
                // let the engine settle (stops and removals) so raw docker-java is not slowed by our cleanup
                awaitStopped(runtime, started);
                Thread.sleep(2000);
                List<Long> raw = new ArrayList<>();
                for (int i = 0; i < RUNS; i++) {
                    raw.add(rawCreateStart(docker, containers, i));
                }
                List<Long> compose = new ArrayList<>();
                for (int i = 0; i < 5; i++) {
                    compose.add(composeUp(effective, "bench-compose-" + containers + "-" + i));
                }
                long ours = median(runTask);
                long dockerJava = median(raw);
                long dockerCompose = median(compose);
                System.out.printf("%d container(s): RunTask->RUNNING median %d ms | raw docker-java create+start "
                                + "median %d ms (x%.2f) | docker-compose up -d median %d ms (%.1fx slower than us)%n",
                        containers, ours, dockerJava, ours / (double) Math.max(1, dockerJava), dockerCompose,
                        dockerCompose / (double) Math.max(1, ours));
            }
            runTaskCalls(runtime);
            describeScaling(runtime);
        }
    }

    /**
     * The RunTask call itself as the client sees it (what durability costs): sequential calls, then bursts of
     * 20 concurrent calls. Each task is stopped and removed right after.
     */
    private static void runTaskCalls(RuntimeFixture runtime) throws Exception {
        List<Long> sequential = new ArrayList<>();
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long start = System.nanoTime();
            Task task = runtime.ecs().runTask(r -> r.taskDefinition("bench-1")).tasks().get(0);
            sequential.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            arns.add(task.taskArn());
        }
        List<Long> concurrent = Collections.synchronizedList(new ArrayList<>());
        for (int burst = 0; burst < 3; burst++) {
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                threads.add(Thread.ofPlatform().start(() -> {
                    long start = System.nanoTime();
                    Task task = runtime.ecs().runTask(r -> r.taskDefinition("bench-1")).tasks().get(0);
                    concurrent.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
                    synchronized (arns) {
                        arns.add(task.taskArn());
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join();
            }
        }
        for (String arn : arns) {
            runtime.ecs().stopTask(r -> r.task(arn));
        }
        awaitStopped(runtime, arns);
        System.out.printf("RunTask call (client wall time): median %.2f ms sequential (20 calls); median %.2f ms, "
                + "p90 %.2f ms in bursts of 20 concurrent calls (60 calls)%n", median(sequential) / 1000.0,
                median(concurrent) / 1000.0, percentile(concurrent, 0.9) / 1000.0);
    }

    private static long percentile(List<Long> values, double fraction) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(fraction * sorted.size()) - 1));
    }

    private static void register(RuntimeFixture runtime, String family, int containers) {
        StringBuilder definitions = new StringBuilder();
        for (int i = 0; i < containers; i++) {
            definitions.append(i == 0 ? "" : ",").append("{\"name\": \"c").append(i).append("\", \"image\": \"")
                    .append(TestImages.BUSYBOX).append("\", \"memory\": 32, \"stopTimeout\": 1, \"essential\": ")
                    .append(true).append(", \"command\": [\"sleep\", \"300\"]}");
        }
        var response = runtime.post("RegisterTaskDefinition", "{\"family\": \"" + family
                + "\", \"containerDefinitions\": [" + definitions + "]}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
    }

    private static Task awaitRunning(RuntimeFixture runtime, String arn) throws InterruptedException {
        for (int i = 0; i < 3000; i++) {
            Task task = runtime.ecs().describeTasks(r -> r.tasks(arn)).tasks().get(0);
            if ("RUNNING".equals(task.lastStatus())) {
                return task;
            }
            if ("STOPPED".equals(task.lastStatus())) {
                throw new IllegalStateException("task stopped: " + task);
            }
            Thread.sleep(10);
        }
        throw new IllegalStateException("task did not run within 30 s");
    }

    private static void awaitStopped(RuntimeFixture runtime, List<String> arns) throws InterruptedException {
        for (String arn : arns) {
            for (int i = 0; i < 600; i++) {
                if ("STOPPED".equals(runtime.ecs().describeTasks(r -> r.tasks(arn)).tasks().get(0).lastStatus())) {
                    break;
                }
                Thread.sleep(100);
            }
        }
    }

    private static Path effectiveFile(Path state, Task task) throws IOException {
        String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
        try (Stream<Path> dirs = Files.list(state.resolve("compose"))) {
            Path dir = dirs.filter(d -> d.getFileName().toString().endsWith(id)).findFirst().orElseThrow();
            return dir.resolve("docker-compose.ecs-local.effective.yml");
        }
    }

    private static long rawCreateStart(DockerClient docker, int containers, int run) {
        List<String> ids = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < containers; i++) {
            String id = docker.createContainerCmd(TestImages.BUSYBOX)
                    .withName("bench-raw-" + run + "-" + i)
                    .withCmd("sleep", "300")
                    .withHostConfig(HostConfig.newHostConfig().withMemory(32L * 1024 * 1024)
                            .withNetworkMode("ecs-local-network"))
                    .exec().getId();
            docker.startContainerCmd(id).exec();
            ids.add(id);
        }
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        ids.forEach(id -> docker.removeContainerCmd(id).withForce(true).exec());
        return took;
    }

    private static long composeUp(Path effective, String project) throws Exception {
        long start = System.nanoTime();
        run("docker-compose", "-p", project, "-f", effective.toString(), "up", "-d", "--no-build");
        long took = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        run("docker-compose", "-p", project, "-f", effective.toString(), "down", "-t", "1", "-v");
        return took;
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(5, TimeUnit.MINUTES) || process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed");
        }
    }

    private static void describeScaling(RuntimeFixture runtime) throws Exception {
        var response = runtime.post("RegisterTaskDefinition", "{\"family\": \"bench-quick\", \"containerDefinitions\": "
                + "[{\"name\": \"q\", \"image\": \"" + TestImages.BUSYBOX + "\", \"memory\": 16, \"command\": [\"true\"]}]}");
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        List<String> first = launch(runtime, 100);
        long few = describeMedian(runtime, first);
        launch(runtime, 300);
        long many = describeMedian(runtime, first);
        System.out.printf("DescribeTasks of 100 tasks: median %.2f ms with 100 tasks known, %.2f ms with 400 known "
                + "(served from memory)%n", few / 1000.0, many / 1000.0);
    }

    private static List<String> launch(RuntimeFixture runtime, int count) throws InterruptedException {
        List<String> arns = new ArrayList<>();
        for (int i = 0; i < count; i += 10) {
            runtime.ecs().runTask(r -> r.taskDefinition("bench-quick").count(10)).tasks()
                    .forEach(task -> arns.add(task.taskArn()));
        }
        awaitStopped(runtime, arns);
        return arns;
    }

    private static long describeMedian(RuntimeFixture runtime, List<String> arns) {
        List<Long> micros = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            long start = System.nanoTime();
            var tasks = runtime.ecs().describeTasks(r -> r.tasks(arns)).tasks();
            micros.add(TimeUnit.NANOSECONDS.toMicros(System.nanoTime() - start));
            if (tasks.size() != arns.size()) {
                throw new IllegalStateException("expected " + arns.size() + " tasks");
            }
        }
        return median(micros);
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }
}
