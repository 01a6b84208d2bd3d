package dev.localecs.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.core.util.VersionInfo;

/**
 * The ECS model as a compact JSON resource, written at build time from the SDK ({@link #main}) and read at
 * start: reading the SDK's generated classes costs about a second of class loading and lambda linking at every
 * start, the resource tens of milliseconds. The form: {@code operations} maps each operation to its input
 * structure; {@code structures} maps each structure to its members; a member type is a scalar kind in lower
 * case ({@code "string"}), {@code "@Name"} for a structure, {@code {"list": type}} or {@code {"map": type}}.
 */
public final class EcsModelResource {
    /** The class-path resource the build writes. */
    public static final String RESOURCE = "ecs-model.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private EcsModelResource() {
    }

    /**
     * Writes the SDK's model to the file the build packages.
     *
     * @param args one argument: the file to write
     * @throws IOException when the file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: EcsModelResource <output file>");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream stream = Files.newOutputStream(out)) {
            write(EcsModel.fromSdk(), stream);
        }
    }

    /**
     * Writes a model.
     *
     * @param model the model
     * @param out where to write; left open
     * @throws IOException when writing fails
     */
    public static void write(EcsModel model, OutputStream out) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("source", "software.amazon.awssdk:ecs " + VersionInfo.SDK_VERSION);
        ObjectNode operations = root.putObject("operations");
        Map<String, WireShape.Structure> structures = new TreeMap<>();
        for (String operation : model.operations()) {
            WireShape.Structure input = model.input(operation).orElseThrow();
            operations.put(operation, input.name());
            collect(input, structures);
        }
        ObjectNode shapes = root.putObject("structures");
        structures.forEach((name, structure) -> {
            ObjectNode members = shapes.putObject(name);
            new TreeMap<>(structure.members()).forEach((member, shape) -> members.set(member, type(shape)));
        });
        JSON.writeValue(new NonClosing(out), root);
    }

    /**
     * Reads a model written by {@link #write}.
     *
     * @param in the resource; left open
     * @return the model
     * @throws UncheckedIOException when it cannot be read
     */
    public static EcsModel read(InputStream in) {
        try {
            JsonNode root = JSON.readTree(in);
            JsonNode shapes = root.get("structures");
            Map<String, WireShape.Structure> structures = new HashMap<>();
            shapes.fieldNames().forEachRemaining(name -> structures.put(name, new WireShape.Structure(name)));
            for (Map.Entry<String, JsonNode> entry : shapes.properties()) {
                Map<String, WireShape> members = new LinkedHashMap<>();
                entry.getValue().properties().forEach(member ->
                        members.put(member.getKey(), shape(member.getValue(), structures)));
                structures.get(entry.getKey()).members(members);
            }
            Map<String, WireShape.Structure> inputs = new TreeMap<>();
            root.get("operations").properties().forEach(op ->
                    inputs.put(op.getKey(), structure(op.getValue().asText(), structures)));
            return new EcsModel(inputs);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the ECS model resource", e);
        }
    }

    private static void collect(WireShape shape, Map<String, WireShape.Structure> structures) {
        switch (shape) {
            case WireShape.Structure structure -> {
                if (structures.putIfAbsent(structure.name(), structure) == null) {
                    structure.members().values().forEach(member -> collect(member, structures));
                }
            }
            case WireShape.ListOf list -> collect(list.member(), structures);
            case WireShape.MapOf map -> collect(map.value(), structures);
            case WireShape.Scalar scalar -> {
                // nothing below a scalar
            }
        }
    }

    private static JsonNode type(WireShape shape) {
        return switch (shape) {
            case WireShape.Structure structure -> JSON.getNodeFactory().textNode("@" + structure.name());
            case WireShape.ListOf list -> JSON.createObjectNode().set("list", type(list.member()));
            case WireShape.MapOf map -> JSON.createObjectNode().set("map", type(map.value()));
            case WireShape.Scalar scalar -> JSON.getNodeFactory().textNode(scalar.kind().name()
                    .toLowerCase(Locale.ROOT));
        };
    }

    private static WireShape shape(JsonNode type, Map<String, WireShape.Structure> structures) {
        if (type.isObject() && type.has("list")) {
            return new WireShape.ListOf(shape(type.get("list"), structures));
        }
        if (type.isObject() && type.has("map")) {
            return new WireShape.MapOf(shape(type.get("map"), structures));
        }
        String text = type.asText();
        if (text.startsWith("@")) {
            return structure(text.substring(1), structures);
        }
        return new WireShape.Scalar(WireShape.Kind.valueOf(text.toUpperCase(Locale.ROOT)));
    }

    private static WireShape.Structure structure(String name, Map<String, WireShape.Structure> structures) {
        WireShape.Structure structure = structures.get(name);
        if (structure == null) {
            throw new IllegalStateException("The ECS model resource has no structure " + name);
        }
        return structure;
    }

    /** Jackson closes the stream it writes; the caller owns it. */
    private static final class NonClosing extends FilterOutputStream {
        NonClosing(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
