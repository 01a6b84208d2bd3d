package dev.localecs.plugins.daemons;

import static dev.localecs.api.error.EcsException.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskDefinitionRef;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Daemon task definitions: the checks RegisterDaemonTaskDefinition applies, references as requests give them
 * ({@code family}, {@code family:revision} or the ARN), and the task definition a daemon task runs with.
 */
final class DaemonTaskDefinitions {
    /** The members of RegisterDaemonTaskDefinition kept as given. */
    static final List<String> MEMBERS = List.of("taskRoleArn", "executionRoleArn", "containerDefinitions", "cpu",
            "memory", "volumes", "pidMode", "ipcMode");
    private static final Pattern REFERENCE = Pattern.compile(
            "(?:arn:aws[a-z-]*:ecs:[^:]*:[^:]*:daemon-task-definition/)?([^:/]+)(?::(\\d+))?");
    private static final int MAX_CONTAINERS = 10;

    private DaemonTaskDefinitions() {
    }

    /** Checks a RegisterDaemonTaskDefinition body as ECS does; answers the members to keep. */
    static ObjectNode validate(PluginContext context, JsonNode body) {
        String family = body.path("family").asText("");
        if (family.isEmpty()) {
            throw client("Family can not be blank.");
        }
        if (!TaskDefinitionRef.NAME.matcher(family).matches()) {
            throw client("Family contains invalid characters or is too long: up to 255 letters (uppercase and "
                    + "lowercase), numbers, underscores, and hyphens are allowed.");
        }
        JsonNode containers = body.path("containerDefinitions");
        if (containers.isEmpty()) {
            throw client("Container list cannot be empty.");
        }
        if (containers.size() > MAX_CONTAINERS) {
            throw client("Too many containers: a daemon task definition can have at most " + MAX_CONTAINERS + ".");
        }
        Set<String> volumes = new HashSet<>();
        for (JsonNode volume : body.path("volumes")) {
            String name = volume.path("name").asText("");
            if (name.isEmpty()) {
                throw client("Volume name should not be null or empty.");
            }
            if (!volumes.add(name)) {
                throw client("Duplicate volume name found: " + name + ".");
            }
        }
        Set<String> names = new HashSet<>();
        boolean essential = false;
        for (JsonNode container : containers) {
            String name = container.path("name").asText("");
            if (name.isEmpty()) {
                throw client("Container.name should not be null or empty.");
            }
            if (container.path("image").asText("").isEmpty()) {
                throw client("Container.image should not be null or empty.");
            }
            if (!TaskDefinitionRef.NAME.matcher(name).matches()) {
                throw client("Container name '" + name + "' is invalid: up to 255 letters (uppercase and "
                        + "lowercase), numbers, underscores, and hyphens are allowed.");
            }
            if (!names.add(name)) {
                throw client("Duplicate container name found: " + name + ".");
            }
            essential |= container.path("essential").asBoolean(true);
            for (JsonNode mount : container.path("mountPoints")) {
                String source = mount.path("sourceVolume").asText("");
                if (!volumes.contains(source)) {
                    throw client("Container '" + name + "': Unknown volume '" + source + "' in mountPoints: declare "
                            + "it in the daemon task definition's volumes.");
                }
            }
            for (JsonNode dependency : container.path("dependsOn")) {
                if (!containsName(containers, dependency.path("containerName").asText(""))) {
                    throw client("Container '" + name + "' depends on unknown container '"
                            + dependency.path("containerName").asText("") + "'.");
                }
            }
        }
        if (!essential) {
            throw client("Daemon task definition does not have any essential container.");
        }
        for (String mode : List.of("pidMode", "ipcMode")) {
            String value = body.path(mode).asText("none");
            if (!List.of("none", "shared").contains(value)) {
                throw EcsException.invalidParameter("Invalid " + mode + " '" + value + "'. Valid values: none, "
                        + "shared.");
            }
        }
        checkSize(body, "cpu", 128, 196_608);
        checkSize(body, "memory", 6, Integer.MAX_VALUE);
        ObjectNode members = context.json().createObjectNode();
        for (String member : MEMBERS) {
            JsonNode value = body.get(member);
            if (value != null && !value.isNull()) {
                members.set(member, value.deepCopy());
            }
        }
        if (!members.has("volumes")) {
            members.putArray("volumes");
        }
        return members;
    }

    private static boolean containsName(JsonNode containers, String name) {
        for (JsonNode container : containers) {
            if (container.path("name").asText("").equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static void checkSize(JsonNode body, String member, int min, int max) {
        JsonNode value = body.get(member);
        if (value == null || value.isNull()) {
            return;
        }
        try {
            int number = Integer.parseInt(value.asText().trim());
            if (number < min || number > max) {
                throw client("Invalid '" + member + "' setting for daemon task definition. The value must be "
                        + (max == Integer.MAX_VALUE ? "at least " + min : "between " + min + " and " + max) + ".");
            }
        } catch (NumberFormatException e) {
            throw client("Invalid '" + member + "' setting for daemon task definition. Specify a whole number "
                    + ("cpu".equals(member) ? "of CPU units (e.g. 256)." : "of MiB (e.g. 512)."));
        }
    }

    /**
     * The daemon task definition a reference names: {@code family} (its latest ACTIVE revision),
     * {@code family:revision} or the ARN; {@code ClientException} when there is none.
     */
    static StoredDaemonTaskDefinition resolve(DaemonStore store, String reference) {
        Matcher matcher = REFERENCE.matcher(reference == null ? "" : reference);
        if (!matcher.matches()) {
            throw client("Invalid daemon task definition '" + reference + "'. Specify a family, family:revision or "
                    + "the daemon task definition ARN.");
        }
        String family = matcher.group(1);
        if (matcher.group(2) != null) {
            return store.definition(family, Integer.parseInt(matcher.group(2))).orElseThrow(DaemonTaskDefinitions::notFound);
        }
        return store.family(family).reversed().stream().filter(d -> "ACTIVE".equals(d.status())).findFirst()
                .orElseThrow(DaemonTaskDefinitions::notFound);
    }

    /** The daemon task definition an ARN names, in any status. */
    static java.util.Optional<StoredDaemonTaskDefinition> find(DaemonStore store, String arn) {
        Matcher matcher = REFERENCE.matcher(arn);
        if (!matcher.matches() || matcher.group(2) == null) {
            return java.util.Optional.empty();
        }
        return store.definition(matcher.group(1), Integer.parseInt(matcher.group(2)));
    }

    static EcsException notFound() {
        return client("Unable to describe daemon task definition.");
    }

    /** The wire form of ECS's {@code DaemonTaskDefinition}. */
    static ObjectNode view(PluginContext context, StoredDaemonTaskDefinition definition) {
        ObjectNode view = context.json().createObjectNode();
        view.put("daemonTaskDefinitionArn", definition.daemonTaskDefinitionArn());
        view.put("family", definition.family());
        view.put("revision", definition.revision());
        view.setAll(definition.members());
        view.put("status", definition.status());
        view.put("registeredAt", definition.registeredAt());
        view.put("registeredBy", context.arns().accountRoot());
        if (definition.deleteRequestedAt() != null) {
            view.put("deleteRequestedAt", definition.deleteRequestedAt());
        }
        return view;
    }

    /**
     * The task definition a daemon task runs with: the daemon task definition's containers and volumes in
     * {@code bridge} network mode (the local container instance's bridge, like an EC2 task without a network
     * mode), {@code pidMode}/{@code ipcMode} {@code shared} as {@code host}.
     */
    static TaskDefinition taskDefinition(PluginContext context, StoredDaemonTaskDefinition definition) {
        ObjectNode node = context.json().createObjectNode();
        node.put("taskDefinitionArn", definition.daemonTaskDefinitionArn());
        node.put("family", definition.family());
        node.put("revision", definition.revision());
        node.put("networkMode", "bridge");
        node.put("status", "ACTIVE");
        ArrayNode compatibilities = node.putArray("requiresCompatibilities");
        compatibilities.add("EC2");
        for (String member : List.of("taskRoleArn", "executionRoleArn", "containerDefinitions", "cpu", "memory",
                "volumes")) {
            if (definition.members().has(member)) {
                node.set(member, definition.members().get(member).deepCopy());
            }
        }
        for (String mode : List.of("pidMode", "ipcMode")) {
            if ("shared".equals(definition.members().path(mode).asText())) {
                node.put(mode, "host");
            }
        }
        try {
            return context.json().treeToValue(node, TaskDefinition.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EcsException(dev.localecs.api.error.ErrorCode.SERVER_EXCEPTION,
                    "Cannot convert daemon task definition " + definition.daemonTaskDefinitionArn() + ": "
                            + e.getOriginalMessage(), e);
        }
    }
}
