package dev.localecs.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code local-ecs-api run}: registers a task definition (or takes a registered one), runs it on a running
 * runtime, prints each container's output until the task stops and exits with the essential container's exit
 * code. Ctrl-C (SIGINT) stops the task (StopTask) and waits for it to be STOPPED before exiting.
 */
final class RunCommand {
    static final String USAGE = "Usage: local-ecs-api run (--task-def-file FILE | --task-def FAMILY[:REV]) "
            + "[--overrides FILE] [--cluster NAME] [--endpoint URL]";
    /** Fields DescribeTaskDefinition answers that RegisterTaskDefinition does not take. */
    private static final List<String> READ_ONLY = List.of("taskDefinitionArn", "revision", "status",
            "requiresAttributes", "compatibilities", "registeredAt", "registeredBy", "deregisteredAt");
    private static final Duration STOP_WAIT = Duration.ofMinutes(3);

    private final ApiClient api;
    private final PrintStream out;
    private final PrintStream err;
    private final boolean colour;

    RunCommand(ApiClient api, PrintStream out, PrintStream err, boolean colour) {
        this.api = api;
        this.out = out;
        this.err = err;
        this.colour = colour;
    }

    static int main(List<String> args, Map<String, String> environment) {
        CliOptions options = CliOptions.parse(args, Set.of("--task-def-file", "--task-def", "--overrides",
                "--cluster", "--endpoint", "--config"), Set.of(), USAGE);
        if (options.value("--task-def-file").isPresent() == options.value("--task-def").isPresent()
                || !options.positional().isEmpty()) {
            throw new CliException(CliException.USAGE, USAGE);
        }
        ApiClient api = new ApiClient(options.endpoint(environment), Cli.json());
        return new RunCommand(api, System.out, System.err, OutputPrinter.colourWanted(environment)).run(options);
    }

    int run(CliOptions options) {
        String definition = options.value("--task-def-file").map(file -> register(Path.of(file)))
                .orElseGet(() -> options.value("--task-def").orElseThrow());
        ObjectNode request = options.value("--overrides").map(file -> runRequest(Path.of(file))).orElseGet(api::object);
        request.put("taskDefinition", definition);
        options.value("--cluster").ifPresent(cluster -> request.put("cluster", cluster));
        if (!request.has("startedBy")) {
            request.put("startedBy", "local-ecs-api run");
        }
        JsonNode answer = api.ecs("RunTask", request);
        if (answer.path("tasks").isEmpty()) {
            JsonNode failure = answer.path("failures").path(0);
            throw new CliException(CliException.RUNTIME, "RunTask started nothing: "
                    + failure.path("reason").asText("no reason given") + " " + failure.path("detail").asText(""));
        }
        JsonNode task = answer.path("tasks").path(0);
        String arn = task.path("taskArn").asText();
        String cluster = task.path("clusterArn").asText().replaceAll(".*/", "");
        String taskId = arn.replaceAll(".*/", "");
        err.println("local-ecs-api: task " + taskId + " (" + task.path("taskDefinitionArn").asText()
                .replaceAll(".*/", "") + ") on cluster " + cluster + "; Ctrl-C stops it.");
        List<String> names = new ArrayList<>();
        task.path("containers").forEach(container -> names.add(container.path("name").asText()));

        AtomicInteger exitCode = new AtomicInteger(1);
        CountDownLatch done = new CountDownLatch(1);
        Thread stopper = new Thread(() -> stopOnInterrupt(cluster, taskId, exitCode, done), "local-ecs-run-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        try {
            OutputPrinter printer = new OutputPrinter(out, colour, names);
            api.output(cluster, taskId, true, printer::print);
            exitCode.set(result(cluster, arn));
        } finally {
            done.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(stopper);
        } catch (IllegalStateException e) {
            // Ctrl-C came while the task was ending: the hook is running and exits with the code
            sleepForever();
        }
        return exitCode.get();
    }

    /** Runs on SIGINT (and SIGTERM): stops the task and waits for the streaming thread to see it STOPPED. */
    private void stopOnInterrupt(String cluster, String taskId, AtomicInteger exitCode, CountDownLatch done) {
        if (done.getCount() == 0) {
            Runtime.getRuntime().halt(exitCode.get());
        }
        err.println("local-ecs-api: stopping task " + taskId + " …");
        try {
            ObjectNode stop = api.object();
            stop.put("cluster", cluster);
            stop.put("task", taskId);
            stop.put("reason", "Interrupted (Ctrl-C) in local-ecs-api run");
            api.ecs("StopTask", stop);
            if (!done.await(STOP_WAIT.toSeconds(), TimeUnit.SECONDS)) {
                err.println("local-ecs-api: task " + taskId + " is not STOPPED after " + STOP_WAIT.toMinutes()
                        + " minutes; leaving it.");
                Runtime.getRuntime().halt(CliException.RUNTIME);
            }
            err.flush();
            out.flush();
            Runtime.getRuntime().halt(exitCode.get());
        } catch (CliException e) {
            err.println("local-ecs-api: " + e.getMessage());
            Runtime.getRuntime().halt(CliException.RUNTIME);
        } catch (InterruptedException e) {
            Runtime.getRuntime().halt(130);
        }
    }

    private int result(String cluster, String arn) {
        ObjectNode describe = api.object();
        describe.put("cluster", cluster);
        describe.putArray("tasks").add(arn);
        JsonNode task = api.ecs("DescribeTasks", describe).path("tasks").path(0);
        JsonNode definition = api.ecs("DescribeTaskDefinition", api.object().put("taskDefinition",
                task.path("taskDefinitionArn").asText())).path("taskDefinition");
        List<String> essential = new ArrayList<>();
        definition.path("containerDefinitions").forEach(container -> {
            if (container.path("essential").asBoolean(true)) {
                essential.add(container.path("name").asText());
            }
        });
        err.println("local-ecs-api: task " + arn.replaceAll(".*/", "") + " " + task.path("lastStatus").asText()
                + (task.hasNonNull("stopCode") ? " (" + task.path("stopCode").asText() + ": "
                + task.path("stoppedReason").asText() + ")" : ""));
        Optional<JsonNode> stopped = Optional.empty();
        for (JsonNode container : task.path("containers")) {
            if (!essential.contains(container.path("name").asText())) {
                continue;
            }
            if (!container.hasNonNull("exitCode")) {
                err.println("local-ecs-api: essential container " + container.path("name").asText()
                        + " has no exit code" + (container.hasNonNull("reason") ? ": "
                        + container.path("reason").asText() : "") + ".");
                return CliException.RUNTIME;
            }
            // the essential container that ended the task: a non-zero one if any, else the first
            if (stopped.isEmpty() || stopped.get().path("exitCode").asInt() == 0
                    && container.path("exitCode").asInt() != 0) {
                stopped = Optional.of(container);
            }
        }
        return stopped.map(container -> container.path("exitCode").asInt()).orElse(CliException.RUNTIME);
    }

    private String register(Path file) {
        JsonNode root = read(file);
        JsonNode node = root.has("taskDefinition") && root.get("taskDefinition").isObject()
                ? root.get("taskDefinition") : root;
        if (!node.isObject() || !node.hasNonNull("family") || !node.has("containerDefinitions")) {
            throw new CliException(CliException.USAGE, "Task definition file " + file
                    + " needs 'family' and 'containerDefinitions' (RegisterTaskDefinition input or "
                    + "DescribeTaskDefinition output).");
        }
        ObjectNode definition = ((ObjectNode) node).deepCopy();
        definition.remove(READ_ONLY);
        if (root.has("tags") && root.get("tags") instanceof ArrayNode tags && !definition.has("tags")) {
            definition.set("tags", tags);
        }
        JsonNode registered = api.ecs("RegisterTaskDefinition", definition).path("taskDefinition");
        return registered.path("family").asText() + ":" + registered.path("revision").asInt();
    }

    private ObjectNode runRequest(Path file) {
        JsonNode root = read(file);
        if (!root.isObject()) {
            throw new CliException(CliException.USAGE, "Overrides file " + file + " must be a JSON object: a RunTask "
                    + "request or its 'overrides'.");
        }
        if (root.has("overrides")) {
            return ((ObjectNode) root).deepCopy();
        }
        ObjectNode request = api.object();
        request.set("overrides", root.deepCopy());
        return request;
    }

    private JsonNode read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new CliException(CliException.USAGE, "File " + file + " does not exist.");
        }
        try {
            return api.json().readTree(file.toFile());
        } catch (IOException e) {
            throw new CliException(CliException.USAGE, "File " + file + " is not JSON: " + e.getMessage());
        }
    }

    private static void sleepForever() {
        try {
            Thread.sleep(Long.MAX_VALUE);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
