package dev.localecs.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The image as users run it: built from this checkout with a locally built JRE base, started on a user
 * network with the Docker socket mounted, on an engine where a runtime on the host left the task network
 * (gateway 169.254.170.2); the image reshapes it for container mode, reports healthy, an app container on the
 * user network calls the API by service name, the task's container reads its credentials from 169.254.170.2
 * (the runtime's own container), and nothing is left behind — the state volume included.
 */
class ImageIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path REPO = Path.of(System.getProperty("distribution.dir", "target/local-ecs-api"))
            .toAbsolutePath().getParent().getParent().getParent();
    private static final String NETWORK = "local-ecs-e2e-net";
    private static final String RUNTIME = "local-ecs-api-e2e";

    private static String run(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(10, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new AssertionError(command + " failed: " + output);
            }
            return output;
        } catch (IOException e) {
            throw new AssertionError(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static String sh(String script) {
        return run(List.of("sh", "-c", script));
    }

    /** The app: a busybox container on the user network calling the API by its service name. */
    private static List<String> wget(String operation, String body) {
        return List.of("docker", "run", "--rm", "--network", NETWORK, "local/busybox:test", "wget", "-q",
                "-O-", "--header", "X-Amz-Target: AmazonEC2ContainerServiceV20141113." + operation, "--header",
                "Content-Type: application/x-amz-json-1.1", "--post-data", body, "http://" + RUNTIME + ":8000/");
    }

    private static JsonNode call(String operation, String body) throws IOException {
        String output = run(wget(operation, body));
        return JSON.readTree(output.substring(output.indexOf('{')));
    }

    /** Whether the runtime answers the call with success (busybox wget fails on HTTP errors). */
    private static boolean succeeds(String operation, String body) throws Exception {
        Process process = new ProcessBuilder(wget(operation, body)).redirectErrorStream(true).start();
        process.getInputStream().readAllBytes();
        return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0;
    }

    /** The runtime's health as Docker's HEALTHCHECK sees it, waiting (bounded) while it is starting. */
    private static String awaitHealth() throws InterruptedException {
        String health = "starting";
        for (int i = 0; i < 90 && health.equals("starting"); i++) {
            Thread.sleep(1000);
            health = sh("docker inspect -f '{{.State.Health.Status}}' " + RUNTIME).trim();
        }
        return health;
    }

    @AfterEach
    void cleanUp() {
        // -v: the image declares its state folder a VOLUME; without -v every run leaves an anonymous volume
        sh("docker rm -f -v " + RUNTIME + " >/dev/null 2>&1; "
                + "docker ps -aq --filter label=com.amazonaws.ecs.task-definition-family=image-e2e | xargs -r docker rm -f >/dev/null; "
                + "docker network rm " + NETWORK + " >/dev/null 2>&1; docker network rm ecs-local-network >/dev/null 2>&1; true");
    }

    @Test
    void appOnAUserNetworkRunsATaskThroughTheImageAndTheTaskGetsItsCredentials() throws Exception {
        // the test images of the runtime module and an image built the documented way
        sh("docker image inspect local/busybox:test >/dev/null");
        run(List.of(REPO.resolve("distribution/build-image.sh").toString(), "--local-base"));
        // the task network as a runtime on the host leaves it (gateway 169.254.170.2): the image must reshape it
        sh("docker network rm ecs-local-network >/dev/null 2>&1; true");
        sh("docker network create --subnet 169.254.170.0/24 --gateway 169.254.170.2 "
                + "--label com.amazonaws.ecs.local.task-network=true ecs-local-network >/dev/null");
        sh("docker network create " + NETWORK + " >/dev/null");
        run(List.of("docker", "run", "-d", "--name", RUNTIME, "--network", NETWORK,
                "-v", "/var/run/docker.sock:/var/run/docker.sock",
                "-e", "ECS_EXTERNAL_NETWORKS=" + NETWORK,
                "-e", "CREDENTIALS_ENDPOINT_STRATEGY=static",
                "-e", "CREDENTIALS_STATIC_ACCESS_KEY_ID=AKIDFROMIMAGE",
                "-e", "CREDENTIALS_STATIC_SECRET_ACCESS_KEY=image-secret",
                "-e", "TASKS_PAUSE_IMAGE=local/pause:test",
                "local-ecs-api:latest"));
        assertThat(awaitHealth()).as(sh("docker logs " + RUNTIME + " 2>&1 | tail -20")).isEqualTo("healthy");
        assertThat(sh("docker network inspect -f '{{(index .IPAM.Config 0).Gateway}}' ecs-local-network").trim())
                .as("recreated for container mode").isEqualTo("169.254.170.1");
        assertThat(sh("docker logs " + RUNTIME + " 2>&1")).contains("Recreated the task network ecs-local-network");
        String stateVolume = sh("docker inspect -f '{{range .Mounts}}{{if eq .Destination \"/var/lib/local-ecs-api\"}}"
                + "{{.Name}}{{end}}{{end}}' " + RUNTIME).trim();
        assertThat(stateVolume).as("the state folder is a volume").isNotEmpty();

        JsonNode registered = call("RegisterTaskDefinition", """
                {"family": "image-e2e", "taskRoleArn": "arn:aws:iam::123456789012:role/app", "containerDefinitions": [
                  {"name": "app", "image": "local/busybox:test", "memory": 32, "command": ["sh", "-c",
                   "wget -q -O /tmp/c http://169.254.170.2$AWS_CONTAINER_CREDENTIALS_RELATIVE_URI && grep -q AKIDFROMIMAGE /tmp/c"]}]}""");
        assertThat(registered.at("/taskDefinition/revision").asInt()).isEqualTo(1);
        String arn = call("RunTask", "{\"taskDefinition\": \"image-e2e\"}").at("/tasks/0/taskArn").asText();

        JsonNode task = null;
        for (int i = 0; i < 60; i++) {
            task = call("DescribeTasks", "{\"tasks\": [\"" + arn + "\"]}").at("/tasks/0");
            if ("STOPPED".equals(task.path("lastStatus").asText())) {
                break;
            }
            Thread.sleep(1000);
        }
        assertThat(task.path("lastStatus").asText()).as(String.valueOf(task)).isEqualTo("STOPPED");
        assertThat(task.at("/containers/0/exitCode").asInt(-1)).as("the task read its credentials from 169.254.170.2")
                .isZero();

        // a plugin author's zip dropped into the running image's /plugins answers after a restart
        call("RegisterTaskDefinition", """
                {"family": "image-e2e", "containerDefinitions": [{"name": "app", "image": "local/busybox:test",
                  "memory": 32, "stopTimeout": 1, "command": ["sleep", "300"]}]}""");
        String running = call("RunTask", "{\"taskDefinition\": \"image-e2e\"}").at("/tasks/0/taskArn").asText();
        for (int i = 0; i < 60; i++) {
            if ("RUNNING".equals(call("DescribeTasks", "{\"tasks\": [\"" + running + "\"]}")
                    .at("/tasks/0/lastStatus").asText())) {
                break;
            }
            Thread.sleep(500);
        }
        String command = "{\"task\": \"" + running + "\", \"command\": [\"sh\", \"-c\", \"echo from-the-task\"]}";
        assertThat(succeeds("RunCommandInTask", command)).as("not in the image by default").isFalse();
        Path zip;
        try (var files = Files.list(REPO.resolve("plugins/example-action/target"))) {
            zip = files.filter(f -> f.toString().endsWith("-plugin.zip")).findFirst().orElseThrow();
        }
        run(List.of("docker", "cp", zip.toString(), RUNTIME + ":/plugins/"));
        run(List.of("docker", "restart", RUNTIME));
        assertThat(awaitHealth()).as("healthy again after the restart").isEqualTo("healthy");
        JsonNode answer = call("RunCommandInTask", command);
        assertThat(answer.get("exitCode").asInt()).isZero();
        assertThat(answer.get("output").asText()).as("the task kept running and is still tracked after the restart")
                .contains("from-the-task");
        call("StopTask", "{\"task\": \"" + running + "\"}");

        cleanUp();
        List<String> left = new ArrayList<>();
        left.add(sh("docker ps -aq --filter label=com.amazonaws.ecs.task-arn=" + arn).trim());
        left.add(sh("docker network ls -q --filter name=" + NETWORK).trim());
        left.add(sh("docker volume ls -q --filter name=" + stateVolume).trim());
        assertThat(left).as("nothing left behind").containsOnly("");
    }
}
