package dev.localecs.api.compose;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The compose short syntaxes, read into the normalised long form the records hold: a string or a list,
 * {@code KEY=value} lists or mappings, list- or mapping-form networks and dependencies, port and volume
 * strings, shell-split command strings.
 */
public final class ComposeSyntax {
    private ComposeSyntax() {
    }

    /**
     * Splits a command string as a POSIX shell would (quotes and backslashes; no expansion).
     *
     * @param text the command string
     * @return the words
     * @throws IllegalArgumentException on an unterminated quote
     */
    public static List<String> split(String text) {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else if (c == '\\' && quote == '"' && i + 1 < text.length() && "\"\\$`".indexOf(text.charAt(i + 1)) >= 0) {
                    word.append(text.charAt(++i));
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\' && i + 1 < text.length()) {
                word.append(text.charAt(++i));
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (quote != 0) {
            throw new IllegalArgumentException("unterminated quote in: " + text);
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }

    /**
     * Reads a short port {@code [[ip:]published:]target[/protocol]}.
     *
     * @param text the short form
     * @return the port
     */
    public static ComposeService.Port port(String text) {
        String spec = text.trim();
        String protocol = null;
        int slash = spec.lastIndexOf('/');
        if (slash >= 0) {
            protocol = spec.substring(slash + 1);
            spec = spec.substring(0, slash);
        }
        String hostIp = null;
        String published = null;
        String target;
        int last = spec.lastIndexOf(':');
        if (last < 0) {
            target = spec;
        } else {
            target = spec.substring(last + 1);
            String rest = spec.substring(0, last);
            int ipEnd = rest.lastIndexOf(':');
            if (ipEnd >= 0) {
                hostIp = rest.substring(0, ipEnd).replace("[", "").replace("]", "");
                published = rest.substring(ipEnd + 1);
            } else {
                published = rest;
            }
            if (published.isEmpty()) {
                published = null;
            }
        }
        if (target.isEmpty()) {
            throw new IllegalArgumentException("port '" + text + "' has no container port");
        }
        return new ComposeService.Port(target, published, hostIp, protocol, null, null, null);
    }

    /**
     * Reads a short volume {@code [source:]target[:mode]}: a source starting with {@code /}, {@code .} or
     * {@code ~} is a bind mount, otherwise a named volume.
     *
     * @param text the short form
     * @return the mount
     */
    public static ComposeService.Mount mount(String text) {
        String[] parts = text.split(":");
        if (parts.length == 1) {
            return new ComposeService.Mount("volume", null, parts[0], null, null, null, null);
        }
        String source = parts[0];
        String target = parts[1];
        Boolean readOnly = parts.length > 2 && List.of(parts[2].split(",")).contains("ro") ? Boolean.TRUE : null;
        boolean bind = source.startsWith("/") || source.startsWith(".") || source.startsWith("~");
        return new ComposeService.Mount(bind ? "bind" : "volume", source, target, readOnly, null, null, null);
    }

    private static String scalar(JsonNode node) {
        return node == null || node.isNull() ? null : node.asText();
    }

    /** A string (shell-split) or a list of strings. */
    public static final class Command extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isTextual()) {
                try {
                    return split(node.asText());
                } catch (IllegalArgumentException e) {
                    return context.reportInputMismatch(List.class, e.getMessage());
                }
            }
            return Strings.read(node, context);
        }
    }

    /** Ports in short form (strings or bare numbers) or long form. */
    public static final class Ports extends JsonDeserializer<List<ComposeService.Port>> {
        @Override
        public List<ComposeService.Port> deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            JsonNode node = parser.readValueAsTree();
            List<ComposeService.Port> ports = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isObject()) {
                    ports.add(context.readTreeAsValue(item, ComposeService.Port.class));
                } else {
                    try {
                        ports.add(port(item.asText()));
                    } catch (IllegalArgumentException e) {
                        return context.reportInputMismatch(List.class, e.getMessage());
                    }
                }
            }
            return ports;
        }
    }

    /** A string or a list of strings (list entries may be {@code {path: ...}} objects, as in env_file). */
    public static final class Strings extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return read(parser.readValueAsTree(), context);
        }

        static List<String> read(JsonNode node, DeserializationContext context) throws IOException {
            List<String> values = new ArrayList<>();
            if (node.isArray()) {
                for (JsonNode item : node) {
                    if (item.isObject() && item.has("path")) {
                        values.add(item.get("path").asText());
                    } else if (item.isValueNode()) {
                        values.add(item.asText());
                    } else {
                        return context.reportInputMismatch(List.class, "expected a string, found " + item.getNodeType());
                    }
                }
            } else if (node.isValueNode() && !node.isNull()) {
                values.add(node.asText());
            } else if (!node.isNull()) {
                return context.reportInputMismatch(List.class, "expected a string or a list of strings");
            }
            return values;
        }
    }

    /** A mapping or a list of {@code KEY=value} ({@code KEY} alone: null value). */
    public static final class KeyValues extends JsonDeserializer<Map<String, String>> {
        @Override
        public Map<String, String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            Map<String, String> values = new LinkedHashMap<>();
            if (node.isObject()) {
                node.fields().forEachRemaining(e -> values.put(e.getKey(), scalar(e.getValue())));
            } else if (node.isArray()) {
                for (JsonNode item : node) {
                    String text = item.asText();
                    int eq = text.indexOf('=');
                    values.put(eq < 0 ? text : text.substring(0, eq), eq < 0 ? null : text.substring(eq + 1));
                }
            } else if (!node.isNull()) {
                return context.reportInputMismatch(Map.class, "expected a mapping or a list of KEY=value");
            }
            return values;
        }
    }

    /** A list of network names or a mapping of name → options (options may be null). */
    public static final class Networks extends JsonDeserializer<Map<String, ComposeService.ServiceNetwork>> {
        @Override
        public Map<String, ComposeService.ServiceNetwork> deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            JsonNode node = parser.readValueAsTree();
            Map<String, ComposeService.ServiceNetwork> networks = new LinkedHashMap<>();
            if (node.isArray()) {
                node.forEach(item -> networks.put(item.asText(), null));
            } else if (node.isObject()) {
                var fields = node.fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    networks.put(field.getKey(), field.getValue().isNull() ? null
                            : context.readTreeAsValue(field.getValue(), ComposeService.ServiceNetwork.class));
                }
            } else if (!node.isNull()) {
                return context.reportInputMismatch(Map.class, "expected a list or a mapping of networks");
            }
            return networks;
        }
    }

    /** A list of service names (condition {@code service_started}) or a mapping of name → condition. */
    public static final class DependsOn extends JsonDeserializer<Map<String, ComposeService.Dependency>> {
        @Override
        public Map<String, ComposeService.Dependency> deserialize(JsonParser parser, DeserializationContext context)
                throws IOException {
            JsonNode node = parser.readValueAsTree();
            Map<String, ComposeService.Dependency> dependencies = new LinkedHashMap<>();
            if (node.isArray()) {
                node.forEach(item -> dependencies.put(item.asText(), new ComposeService.Dependency("service_started")));
            } else if (node.isObject()) {
                var fields = node.fields();
                while (fields.hasNext()) {
                    var field = fields.next();
                    dependencies.put(field.getKey(),
                            context.readTreeAsValue(field.getValue(), ComposeService.Dependency.class));
                }
            } else if (!node.isNull()) {
                return context.reportInputMismatch(Map.class, "expected a list or a mapping of services");
            }
            return dependencies;
        }
    }

    /** Short device strings, or long {@code {source, target, permissions}} entries. */
    public static final class Devices extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            List<String> devices = new ArrayList<>();
            for (JsonNode item : node) {
                if (item.isObject()) {
                    String device = scalar(item.get("source")) + ":" + scalar(item.get("target"));
                    devices.add(item.hasNonNull("permissions") ? device + ":" + item.get("permissions").asText() : device);
                } else {
                    devices.add(item.asText());
                }
            }
            return devices;
        }
    }

    /** A list of {@code host:ip} / {@code host=ip}, or a mapping host → ip; normalised to {@code host:ip}. */
    public static final class ExtraHosts extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            List<String> hosts = new ArrayList<>();
            if (node.isObject()) {
                node.fields().forEachRemaining(e -> hosts.add(e.getKey() + ":" + e.getValue().asText()));
            } else {
                for (JsonNode item : node) {
                    String text = item.asText();
                    int eq = text.indexOf('=');
                    hosts.add(eq > 0 ? text.substring(0, eq) + ":" + text.substring(eq + 1) : text);
                }
            }
            return hosts;
        }
    }

    /** A health-check test: a string is {@code ["CMD-SHELL", string]}. */
    public static final class HealthTest extends JsonDeserializer<List<String>> {
        @Override
        public List<String> deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            JsonNode node = parser.readValueAsTree();
            if (node.isTextual()) {
                return List.of("CMD-SHELL", node.asText());
            }
            return Strings.read(node, context);
        }
    }
}
