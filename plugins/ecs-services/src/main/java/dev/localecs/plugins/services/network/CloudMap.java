package dev.localecs.plugins.services.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Cloud Map (AWS JSON 1.1, {@code Route53AutoNaming_v20170314}): the names of a registry's service and namespace,
 * and task instances registered and deregistered as ECS does (instance id = task id).
 */
final class CloudMap {
    /** A registry's Cloud Map names. */
    record Names(String serviceId, String service, String namespace) {
        String dnsName() {
            return service + "." + namespace;
        }
    }

    private final AwsPeer peer;
    private final ObjectMapper json;
    private final Map<String, Names> names = new ConcurrentHashMap<>();
    private final Map<String, String> namespaceIds = new ConcurrentHashMap<>();
    private final Map<String, String> serviceIds = new ConcurrentHashMap<>();

    CloudMap(AwsPeer peer, ObjectMapper json) {
        this.peer = peer;
        this.json = json;
    }

    /**
     * The service and namespace names of a registry ARN, asked once.
     *
     * @param registryArn {@code arn:aws:servicediscovery:<r>:<a>:service/srv-…}
     * @return the names
     */
    Names names(String registryArn) {
        Names known = names.get(registryArn);
        if (known != null) {
            return known;
        }
        String serviceId = registryArn.substring(registryArn.lastIndexOf('/') + 1);
        JsonNode service = call("GetService", json.createObjectNode().put("Id", serviceId)).path("Service");
        String namespaceId = service.path("NamespaceId").asText();
        JsonNode namespace = call("GetNamespace", json.createObjectNode().put("Id", namespaceId)).path("Namespace");
        Names found = new Names(serviceId, service.path("Name").asText(), namespace.path("Name").asText());
        names.put(registryArn, found);
        return found;
    }

    /**
     * The id of a namespace given by name or ARN, as Service Connect names it.
     *
     * @param namespace a name, or {@code arn:aws:servicediscovery:<r>:<a>:namespace/ns-…}
     * @return its id; empty when Cloud Map has no namespace of that name
     */
    Optional<String> namespaceId(String namespace) {
        if (namespace.startsWith("arn:")) {
            return Optional.of(namespace.substring(namespace.lastIndexOf('/') + 1));
        }
        String known = namespaceIds.get(namespace);
        if (known != null) {
            return Optional.of(known);
        }
        for (JsonNode candidate : all("ListNamespaces", json.createObjectNode(), "Namespaces")) {
            if (namespace.equals(candidate.path("Name").asText())) {
                namespaceIds.put(namespace, candidate.path("Id").asText());
                return Optional.of(candidate.path("Id").asText());
            }
        }
        return Optional.empty();
    }

    /**
     * The id of a namespace's service of a name, created as ECS creates Service Connect's services when missing.
     *
     * @param namespaceId the namespace
     * @param name the service's name (a {@code discoveryName})
     * @return its id
     */
    String serviceId(String namespaceId, String name) {
        String key = namespaceId + "/" + name;
        String known = serviceIds.get(key);
        if (known != null) {
            return known;
        }
        ObjectNode filter = json.createObjectNode();
        ObjectNode byNamespace = filter.putArray("Filters").addObject().put("Name", "NAMESPACE_ID")
                .put("Condition", "EQ");
        byNamespace.putArray("Values").add(namespaceId);
        for (JsonNode candidate : all("ListServices", filter, "Services")) {
            // the filter is applied here too: some implementations ignore it
            if (name.equals(candidate.path("Name").asText())
                    && namespaceId.equals(candidate.path("NamespaceId").asText(namespaceId))) {
                serviceIds.put(key, candidate.path("Id").asText());
                return candidate.path("Id").asText();
            }
        }
        String id = call("CreateService", json.createObjectNode().put("Name", name).put("NamespaceId", namespaceId)
                .put("CreatorRequestId", "local-ecs-" + namespaceId + "-" + name)).at("/Service/Id").asText();
        serviceIds.put(key, id);
        return id;
    }

    /** Every item of a paged list operation (at most 50 pages). */
    private java.util.List<JsonNode> all(String operation, ObjectNode request, String member) {
        java.util.List<JsonNode> items = new java.util.ArrayList<>();
        String token = null;
        for (int page = 0; page < 50; page++) {
            ObjectNode body = request.deepCopy();
            if (token != null) {
                body.put("NextToken", token);
            }
            JsonNode answer = call(operation, body);
            answer.path(member).forEach(items::add);
            token = answer.path("NextToken").textValue();
            if (token == null || token.isEmpty()) {
                break;
            }
        }
        return items;
    }

    void register(String serviceId, String instanceId, Map<String, String> attributes) {
        ObjectNode body = json.createObjectNode().put("ServiceId", serviceId).put("InstanceId", instanceId)
                .put("CreatorRequestId", instanceId);
        ObjectNode attrs = body.putObject("Attributes");
        attributes.forEach(attrs::put);
        call("RegisterInstance", body);
    }

    void deregister(String serviceId, String instanceId) {
        call("DeregisterInstance", json.createObjectNode().put("ServiceId", serviceId).put("InstanceId", instanceId));
    }

    String endpoint() {
        return peer.endpoint().toString();
    }

    private JsonNode call(String operation, ObjectNode body) {
        String answer = peer.post("application/x-amz-json-1.1",
                Map.of("X-Amz-Target", "Route53AutoNaming_v20170314." + operation), body.toString());
        try {
            return answer.isBlank() ? json.createObjectNode() : json.readTree(answer);
        } catch (IOException e) {
            throw new AwsPeer.AwsCallException(operation + " at " + peer.endpoint() + " answered no JSON");
        }
    }

    Optional<Names> known(String registryArn) {
        return Optional.ofNullable(names.get(registryArn));
    }
}
