package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.ecs.model.Task;

/**
 * {@code local-ecs-api run}, {@code ps} and {@code logs} as separate processes against a runtime on the Docker
 * engine: output prefixed per container and plain when not on a terminal, the essential container's exit code,
 * Ctrl-C (SIGINT) stopping the task, and a clear failure when no runtime answers.
 */
class RunCommandIT {
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    @TempDir
    Path state;
    @TempDir
    Path files;
    private RuntimeFixture runtime;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void start() {
        runtime = RuntimeFixture.start(state, Map.of("tasks.remove-containers", "never"));
    }

    @AfterEach
    void stop() {
        runtime.close();
        String ids = TestImages.run(List.of("docker", "ps", "-aq", "--filter",
                "label=com.amazonaws.ecs.task-definition-family=cli-run")).trim();
        if (!ids.isEmpty()) {
            List<String> remove = new ArrayList<>(List.of("docker", "rm", "-f"));
            remove.addAll(List.of(ids.split("\\s+")));
            TestImages.run(remove);
        }
    }

    @Test
    void runStreamsEachContainersOutputPlainAndExitsWithTheEssentialContainersCode() throws Exception {
        Path definition = files.resolve("td.json");
        Files.writeString(definition, """
                {"family": "cli-run", "containerDefinitions": [
                  {"name": "app", "image": "%1$s", "memory": 32, "dependsOn": [{"containerName": "sidecar", "condition": "START"}],
                   "command": ["sh", "-c", "echo hello from app; echo to stderr >&2; sleep 1; exit 7"]},
                  {"name": "sidecar", "image": "%1$s", "memory": 32, "essential": false,
                   "command": ["sh", "-c", "echo sidecar says hi; trap 'exit 0' TERM; while true; do sleep 1; done"]}]}"""
                .formatted(TestImages.BUSYBOX));

        Result result = cli(List.of("run", "--task-def-file", definition.toString(), "--endpoint",
                runtime.endpoint().toString()), Duration.ofSeconds(120));

        assertThat(result.exitCode()).as(result.describe()).isEqualTo(7);
        assertThat(result.stdout()).contains("app     | hello from app", "app     | to stderr",
                "sidecar | sidecar says hi");
        assertThat(result.stdout() + result.stderr()).as("no escape codes when stdout is not a terminal")
                .doesNotContain("\u001b");
        assertThat(result.stderr()).contains("STOPPED (EssentialContainerExited");

        String taskId = result.stderr().replaceAll("(?s).*local-ecs-api: task ([0-9a-f]{32}) .*", "$1");
        Result ps = cli(List.of("ps", "--all", "--endpoint", runtime.endpoint().toString()), Duration.ofSeconds(60));
        assertThat(ps.exitCode()).as(ps.describe()).isZero();
        assertThat(ps.stdout()).contains("TASK ID", taskId, "cli-run:1", "STOPPED", "app:STOPPED(7)");
        Result logs = cli(List.of("logs", taskId, "--endpoint", runtime.endpoint().toString()), Duration.ofSeconds(60));
        assertThat(logs.exitCode()).as(logs.describe()).isZero();
        assertThat(logs.stdout()).contains("| hello from app", "| sidecar says hi").doesNotContain("\u001b");
    }

    @Test
    void ctrlCStopsTheTaskAndWaitsForStopped() throws Exception {
        Path definition = files.resolve("td.json");
        Files.writeString(definition, """
                {"family": "cli-run", "containerDefinitions": [{"name": "app", "image": "%s", "memory": 32,
                   "command": ["sh", "-c", "trap 'echo got TERM; exit 143' TERM; echo waiting; while true; do sleep 1; done"]}]}"""
                .formatted(TestImages.BUSYBOX));
        Path out = files.resolve("out.txt");
        Path err = files.resolve("err.txt");
        // a background process inherits an ignored SIGINT; env --default-signal gives the JVM its usual handler
        List<String> command = new ArrayList<>(List.of("env", "--default-signal=INT"));
        command.addAll(javaCommand(List.of("run", "--task-def-file", definition.toString(), "--endpoint",
                runtime.endpoint().toString())));
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try {
            awaitContains(out, "app | waiting", Duration.ofSeconds(60));
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start();
            assertThat(kill.waitFor()).isZero();

            assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("run ends after Ctrl-C").isTrue();
            String stderr = Files.readString(err);
            assertThat(stderr).contains("stopping task", "STOPPED (UserInitiated");
            String taskArn0 = runtime.ecs().listTasks(r -> r.desiredStatus("STOPPED")).taskArns().get(0);
            String runtimeId = runtime.ecs().describeTasks(r -> r.tasks(taskArn0)).tasks().get(0).containers().get(0)
                    .runtimeId();
            String diagnosis = "exit " + process.exitValue() + "\nstderr: " + stderr + "\ndocker logs: "
                    + TestImages.run(List.of("docker", "logs", runtimeId));
            assertThat(Files.readString(out)).as(diagnosis).contains("app | got TERM");
            assertThat(process.exitValue()).as(stderr).isEqualTo(143);
            String taskArn = runtime.ecs().listTasks(r -> r.desiredStatus("STOPPED")).taskArns().get(0);
            Task task = runtime.ecs().describeTasks(r -> r.tasks(taskArn)).tasks().get(0);
            assertThat(task.lastStatus()).isEqualTo("STOPPED");
            assertThat(task.stopCodeAsString()).isEqualTo("UserInitiated");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void aClearMessageAndExitCode125WhenNoRuntimeAnswers() throws Exception {
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Result result = cli(List.of("run", "--task-def", "anything", "--endpoint", "http://127.0.0.1:" + port),
                Duration.ofSeconds(60));
        assertThat(result.exitCode()).isEqualTo(125);
        assertThat(result.stderr()).contains("No local-ecs-api runtime answers at http://127.0.0.1:" + port,
                "connection refused", "--endpoint");
        Result usage = cli(List.of("run"), Duration.ofSeconds(60));
        assertThat(usage.exitCode()).isEqualTo(2);
        assertThat(usage.stderr()).contains("Usage: local-ecs-api run");
    }

    private record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\nstdout:\n" + stdout + "\nstderr:\n" + stderr;
        }
    }

    private Result cli(List<String> args, Duration timeout) throws IOException, InterruptedException {
        Path out = Files.createTempFile(files, "out", ".txt");
        Path err = Files.createTempFile(files, "err", ".txt");
        Process process = new ProcessBuilder(javaCommand(args)).redirectOutput(out.toFile()).redirectError(err.toFile())
                .start();
        process.getOutputStream().close();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("local-ecs-api " + args + " did not end within " + timeout + ":\n"
                    + Files.readString(out) + Files.readString(err));
        }
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    /** The runtime's main class in a fresh JVM on the test class path (as the launcher runs it). */
    private static List<String> javaCommand(List<String> args) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-cp", System.getProperty("java.class.path"),
                "dev.localecs.runtime.Main"));
        command.addAll(args);
        return command;
    }

    private static void awaitContains(Path file, String text, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(file).contains(text)) {
                return;
            }
            Thread.sleep(100);
        }
        assertThat(Files.readString(file)).as("output within " + timeout).contains(text);
    }
}
