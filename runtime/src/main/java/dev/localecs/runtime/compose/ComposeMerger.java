package dev.localecs.runtime.compose;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.compose.ComposeProject;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Merges compose files by the compose-specification merge rules: mappings merge key by key; scalars are
 * replaced; {@code command}, {@code entrypoint} and {@code healthcheck.test} are replaced whole; ports,
 * volumes, devices and extra hosts merge by their identity (published port, container path, host name);
 * a {@code logging} with another driver replaces the old one; other sequences are unions in order.
 */
public final class ComposeMerger {
    private static final Map<String, Function<JsonNode, String>> UNIQUE_BY = Map.of(
            "ports", port -> text(port, "host_ip") + "|" + text(port, "published") + "|" + text(port, "target")
                    + "|" + (port.hasNonNull("protocol") ? port.get("protocol").asText() : "tcp"),
            "volumes", mount -> text(mount, "target"),
            "devices", device -> device.asText().split(":").length > 1 ? device.asText().split(":")[1] : device.asText(),
            "extra_hosts", host -> host.asText().split(":")[0]);
    private static final List<String> REPLACED = List.of("command", "entrypoint");

    private final ComposeYaml yaml;

    /**
     * Creates a merger.
     *
     * @param yaml converts projects to trees and back
     */
    public ComposeMerger(ComposeYaml yaml) {
        this.yaml = yaml;
    }

    /**
     * Merges files in order: each one over the result of those before it.
     *
     * @param files the task file first, then the overrides
     * @return the effective project
     */
    public ComposeProject merge(List<ComposeProject> files) {
        ObjectNode result = JsonNodeFactory.instance.objectNode();
        for (ComposeProject file : files) {
            mergeProject(result, yaml.toTree(file));
        }
        return yaml.fromTree(result, "the merged project");
    }

    private static void mergeProject(ObjectNode base, ObjectNode over) {
        over.fields().forEachRemaining(field -> {
            String key = field.getKey();
            JsonNode value = field.getValue();
            if (key.equals("services") && value.isObject()) {
                ObjectNode services = base.with("services");
                value.fields().forEachRemaining(service -> {
                    JsonNode existing = services.get(service.getKey());
                    if (existing instanceof ObjectNode existingService && service.getValue().isObject()) {
                        mergeService(existingService, (ObjectNode) service.getValue());
                    } else {
                        services.set(service.getKey(), service.getValue().deepCopy());
                    }
                });
            } else {
                base.set(key, mergeNode(base.get(key), value));
            }
        });
    }

    static void mergeService(ObjectNode base, ObjectNode over) {
        Iterator<Map.Entry<String, JsonNode>> fields = over.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            JsonNode existing = base.get(key);
            if (REPLACED.contains(key) || existing == null || existing.isNull()) {
                base.set(key, value.deepCopy());
            } else if (key.equals("logging") && differentDriver(existing, value)) {
                base.set(key, value.deepCopy());
            } else if (key.equals("healthcheck") && existing.isObject() && value.isObject()) {
                ObjectNode merged = ((ObjectNode) existing).deepCopy();
                value.fields().forEachRemaining(f -> merged.set(f.getKey(), f.getValue().deepCopy()));
                base.set(key, merged);
            } else if (UNIQUE_BY.containsKey(key) && existing.isArray() && value.isArray()) {
                base.set(key, uniqueBy((ArrayNode) existing, (ArrayNode) value, UNIQUE_BY.get(key)));
            } else {
                base.set(key, mergeNode(existing, value));
            }
        }
    }

    /** Mappings merge recursively, sequences are ordered unions, anything else is replaced. */
    static JsonNode mergeNode(JsonNode base, JsonNode over) {
        if (base instanceof ObjectNode baseObject && over instanceof ObjectNode overObject) {
            ObjectNode merged = baseObject.deepCopy();
            overObject.fields().forEachRemaining(f -> merged.set(f.getKey(), mergeNode(merged.get(f.getKey()),
                    f.getValue())));
            return merged;
        }
        if (base instanceof ArrayNode baseArray && over instanceof ArrayNode overArray) {
            ArrayNode merged = baseArray.deepCopy();
            for (JsonNode item : overArray) {
                boolean present = false;
                for (JsonNode existing : merged) {
                    present |= existing.equals(item);
                }
                if (!present) {
                    merged.add(item.deepCopy());
                }
            }
            return merged;
        }
        return over == null ? base : over.deepCopy();
    }

    private static ArrayNode uniqueBy(ArrayNode base, ArrayNode over, Function<JsonNode, String> identity) {
        Map<String, JsonNode> byKey = new LinkedHashMap<>();
        base.forEach(item -> byKey.put(identity.apply(item), item));
        over.forEach(item -> byKey.put(identity.apply(item), item));
        ArrayNode merged = JsonNodeFactory.instance.arrayNode();
        byKey.values().forEach(item -> merged.add(item.deepCopy()));
        return merged;
    }

    private static boolean differentDriver(JsonNode base, JsonNode over) {
        return over.hasNonNull("driver") && !over.get("driver").equals(base.get("driver"));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : "";
    }
}
