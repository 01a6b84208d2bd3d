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
