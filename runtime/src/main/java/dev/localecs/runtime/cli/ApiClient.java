package dev.localecs.runtime.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * HTTP to a running runtime: ECS operations on {@code POST /} (AWS JSON 1.1; the runtime accepts any
 * signature, so none is sent) and the task API under {@code /ui/api/}.
 */
final class ApiClient {
    private static final String TARGET = "AmazonEC2ContainerServiceV20141113.";
    private final URI endpoint;
    private final ObjectMapper json;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();

    ApiClient(URI endpoint, ObjectMapper json) {
        this.endpoint = endpoint;
        this.json = json;
    }

    ObjectNode object() {
        return json.createObjectNode();
    }

    ObjectMapper json() {
        return json;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Calls an ECS operation.
     *
     * @param operation e.g. {@code RunTask}
     * @param body the request
     * @return the answer
     * @throws CliException when the runtime is unreachable or answers an error (its code and message)
     */
    JsonNode ecs(String operation, JsonNode body) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve("/"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/x-amz-json-1.1")
                .header("X-Amz-Target", TARGET + operation)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = parse(response.body(), operation);
        if (response.statusCode() != 200) {
            throw new CliException(CliException.RUNTIME, operation + " failed: "
                    + answer.path("__type").asText("HTTP " + response.statusCode()) + ": "
                    + answer.path("message").asText(response.body()));
        }
        return answer;
    }

    /**
     * GETs a JSON document of the task API.
     *
     * @param path e.g. {@code /ui/api/tasks}
     * @return the answer
     */
    JsonNode get(String path) {
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).timeout(Duration.ofSeconds(30)).GET()
                .build();
        HttpResponse<String> response = send(request, HttpResponse.BodyHandlers.ofString());
        JsonNode answer = parse(response.body(), path);
        if (response.statusCode() == 404) {
            throw new CliException(CliException.RUNTIME, "The runtime at " + endpoint + " has no " + path
                    + ": is the dashboard disabled (ui.enabled: false)?");
        }
        if (response.statusCode() != 200) {
            throw new CliException(CliException.RUNTIME, answer.path("message").asText(response.body()));
        }
        return answer;
    }

    /**
     * Streams a task's output: one JSON object per line, until the runtime ends it.
     *
     * @param cluster the cluster
     * @param taskId the task id
     * @param follow whether to follow until the task stopped
     * @param each called per object
     */
    void output(String cluster, String taskId, boolean follow, Consumer<JsonNode> each) {
        String path = "/ui/api/tasks/" + encode(cluster) + "/" + encode(taskId) + "/logs?follow=" + follow;
        HttpRequest request = HttpRequest.newBuilder(endpoint.resolve(path)).GET().build();
        HttpResponse<java.io.InputStream> response = send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(),
                StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                StringBuilder body = new StringBuilder();
                reader.lines().forEach(body::append);
                throw new CliException(CliException.RUNTIME, "Output of task " + taskId + ": "
                        + parse(body.toString(), path).path("message").asText(body.toString()));
            }
            String line;
            while ((line = reader.readLine()) != null) {
                if (!line.isBlank()) {
                    each.accept(json.readTree(line));
                }
            }
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "The runtime at " + endpoint + " closed the output of task "
                    + taskId + " (" + e.getMessage() + ").");
        }
    }

    static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private JsonNode parse(String body, String what) {
        try {
            return body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new CliException(CliException.RUNTIME, "The answer to " + what + " from " + endpoint
                    + " is not JSON: is this a local-ecs-api runtime?");
        }
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw unreachable(e);
        } catch (HttpTimeoutException e) {
            throw new CliException(CliException.RUNTIME, "The runtime at " + endpoint + " did not answer in time.");
        } catch (IOException e) {
            throw unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException(CliException.RUNTIME, "Interrupted.");
        }
    }

    private CliException unreachable(IOException e) {
        String why = e instanceof ConnectException ? "connection refused"
                : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new CliException(CliException.RUNTIME, "No local-ecs-api runtime answers at " + endpoint + " ("
                + why + "). Start one with "
                + "'local-ecs-api' (or scripts/run.sh), or name another with --endpoint URL.");
    }
}
