package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.EcsAction;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskService;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.model.Task;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dashboard's read API: clusters, services, tasks, task definitions and a task's compose files, each
 * assembled from the runtime's own actions (what a client would get from the same calls) and the task
 * service. Redaction happens when the answer is written.
 */
final class UiReads {
    private final ActionCalls calls;
    private final TaskService tasks;
    private final ComposeFilesView compose;
    private final ObjectMapper json;

    UiReads(ActionCalls calls, TaskService tasks, Path composeDest, ObjectMapper json) {
        this.calls = calls;
        this.tasks = tasks;
        this.compose = new ComposeFilesView(composeDest, json);
        this.json = json;
    }

    JsonNode clusters() {
        ObjectNode body = json.createObjectNode();
        List<String> arns = clusterArns();
        ArrayNode clusters = body.putArray("clusters");
        for (int i = 0; i < arns.size(); i += 100) {
            ObjectNode request = calls.object();
            arns.subList(i, Math.min(arns.size(), i + 100)).forEach(request.putArray("clusters")::add);
            request.putArray("include").add("STATISTICS").add("SETTINGS").add("TAGS");
            calls.ecs("DescribeClusters", request).path("clusters").forEach(clusters::add);
        }
        return body;
    }

    JsonNode services(Optional<String> cluster) {
        ObjectNode body = json.createObjectNode();
        boolean served = calls.serves(EcsAction.ECS, "ListServices")
                && calls.serves(EcsAction.ECS, "DescribeServices");
        body.put("served", served);
        ArrayNode services = body.putArray("services");
        if (!served) {
            return body;
        }
        for (String name : cluster.map(List::of).orElseGet(this::clusterNames)) {
            List<String> arns = new ArrayList<>();
            Optional<String> token = Optional.empty();
            do {
                ObjectNode request = calls.object();
                request.put("cluster", name);
                request.put("maxResults", 100);
                token.ifPresent(value -> request.put("nextToken", value));
                JsonNode page = calls.ecs("ListServices", request);
                page.path("serviceArns").forEach(arn -> arns.add(arn.asText()));
                token = Optional.ofNullable(page.path("nextToken").textValue());
            } while (token.isPresent());
            for (int i = 0; i < arns.size(); i += 10) {
                ObjectNode request = calls.object();
                request.put("cluster", name);
                arns.subList(i, Math.min(arns.size(), i + 10)).forEach(request.putArray("services")::add);
                calls.ecs("DescribeServices", request).path("services").forEach(services::add);
            }
        }
        return body;
    }

    JsonNode tasks(Optional<String> cluster, Optional<String> service, Optional<String> status,
                   Optional<String> family) {
        List<Task> found = new ArrayList<>();
        for (String name : cluster.map(List::of).orElseGet(this::clusterNames)) {
            for (String desired : List.of("RUNNING", "STOPPED")) {
                found.addAll(tasks.list(new TaskFilter(name, family, Optional.empty(), desired, Optional.empty(),
                        service)));
            }
        }
        found.sort(Comparator.comparing(Task::createdAt, Comparator.nullsLast(Comparator.reverseOrder()))
                .thenComparing(Task::taskArn));
        ObjectNode body = json.createObjectNode();
        ArrayNode list = body.putArray("tasks");
        found.stream().filter(task -> status.isEmpty() || status.get().equals(task.lastStatus()))
                .forEach(task -> list.add(json.valueToTree(task)));
        return body;
    }

    JsonNode task(String cluster, String taskId) {
        ObjectNode body = json.createObjectNode();
        body.set("task", json.valueToTree(find(cluster, taskId)));
        return body;
    }

    JsonNode compose(String cluster, String taskId) {
        return compose.files(find(cluster, taskId), taskId);
    }

    JsonNode taskDefinitions() {
        ObjectNode body = json.createObjectNode();
        ArrayNode definitions = body.putArray("taskDefinitions");
        for (String status : List.of("ACTIVE", "INACTIVE")) {
            Optional<String> token = Optional.empty();
            do {
                ObjectNode request = calls.object();
                request.put("status", status);
                request.put("maxResults", 100);
                token.ifPresent(value -> request.put("nextToken", value));
                JsonNode page = calls.ecs("ListTaskDefinitions", request);
                for (JsonNode arn : page.path("taskDefinitionArns")) {
                    ObjectNode entry = definitions.addObject();
                    String reference = arn.asText().substring(arn.asText().lastIndexOf('/') + 1);
                    entry.put("taskDefinitionArn", arn.asText());
                    entry.put("family", reference.substring(0, reference.lastIndexOf(':')));
                    entry.put("revision", Integer.parseInt(reference.substring(reference.lastIndexOf(':') + 1)));
                    entry.put("status", status);
                }
                token = Optional.ofNullable(page.path("nextToken").textValue());
            } while (token.isPresent());
        }
        return body;
    }

    JsonNode taskDefinition(String reference) {
        ObjectNode request = calls.object();
        request.put("taskDefinition", reference);
        request.putArray("include").add("TAGS");
        return calls.ecs("DescribeTaskDefinition", request);
    }

    private Task find(String cluster, String taskId) {
        return tasks.find(cluster, taskId).orElseThrow(() -> new EcsException(
                ErrorCode.INVALID_PARAMETER, "The referenced task was not found."));
    }

    private List<String> clusterArns() {
        List<String> arns = new ArrayList<>();
        Optional<String> token = Optional.empty();
        do {
            ObjectNode request = calls.object();
            request.put("maxResults", 100);
            token.ifPresent(value -> request.put("nextToken", value));
            JsonNode page = calls.ecs("ListClusters", request);
            page.path("clusterArns").forEach(arn -> arns.add(arn.asText()));
            token = Optional.ofNullable(page.path("nextToken").textValue());
        } while (token.isPresent());
        return arns;
    }

    private List<String> clusterNames() {
        Set<String> names = new LinkedHashSet<>();
        names.add(ClusterRegistry.DEFAULT_CLUSTER);
        clusterArns().forEach(arn -> names.add(arn.substring(arn.lastIndexOf('/') + 1)));
        return List.copyOf(names);
    }
}
