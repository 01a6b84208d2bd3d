package dev.localecs.runtime.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.localecs.api.compose.ComposeFiles;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.JsonPaths;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.representer.Representer;

/**
 * Compose YAML in and out. Reading is strict (unknown keys and bad values are errors naming the file and
 * the key) and guarded (aliases, nesting depth and size are bounded, so an alias bomb fails fast); writing
 * gives stable, readable files.
 */
public final class ComposeYaml implements ComposeFiles {
    /** Largest compose file read. */
    public static final int MAX_BYTES = 1024 * 1024;
    private static final int MAX_ALIASES = 50;

    private final LoaderOptions loader;
    private final ObjectMapper reader;
    private final ObjectMapper writer;

    /** Creates the reader and writer. */
    public ComposeYaml() {
        this.loader = new LoaderOptions();
        loader.setMaxAliasesForCollections(MAX_ALIASES);
        loader.setAllowRecursiveKeys(false);
        loader.setNestingDepthLimit(64);
        loader.setCodePointLimit(MAX_BYTES);
        this.reader = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .addHandler(new ExtensionKeys())
                .build();
        this.writer = YAMLMapper.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .serializationInclusion(JsonInclude.Include.NON_EMPTY)
                .build();
    }

    @Override
    public ComposeProject read(Path file) {
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw EcsException.client("Compose file " + file + " is larger than " + MAX_BYTES + " bytes.");
            }
            return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        } catch (IOException e) {
            throw EcsException.client("Cannot read compose file " + file + ": " + e.getMessage());
        }
    }

    /**
     * SnakeYAML builds the document (anchors, aliases and merge keys resolved, alias count and depth
     * bounded); the strict mapper then binds it, naming any unknown key.
     */
    @Override
    public ComposeProject parse(String yaml, String origin) {
        Object document;
        try {
            DumperOptions dumper = new DumperOptions();
            document = new Yaml(new SafeConstructor(loader), new Representer(dumper), dumper, loader).load(yaml);
        } catch (YAMLException e) {
            throw EcsException.client("Compose file " + origin + " is not valid YAML: "
                    + e.getMessage().lines().map(String::trim).filter(l -> !l.isEmpty()).limit(3)
                    .reduce((a, b) -> a + " " + b).orElse("") + ".");
        }
        if (document == null) {
            return new ComposeProject(null, null, null, null);
        }
        if (!(document instanceof Map<?, ?>)) {
            throw EcsException.client("Compose file " + origin + " must be a mapping with a 'services' key.");
        }
        try {
            return reader.treeToValue(reader.valueToTree(document), ComposeProject.class);
        } catch (UnrecognizedPropertyException e) {
            throw EcsException.client("Compose file " + origin + ": unknown key '" + JsonPaths.of(e) + "'.");
        } catch (JsonMappingException e) {
            throw EcsException.client("Compose file " + origin + ": invalid value at '" + JsonPaths.of(e) + "': "
                    + e.getOriginalMessage().lines().findFirst().orElse("") + ".");
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw EcsException.client("Compose file " + origin + " cannot be read: " + e.getMessage());
        }
    }

    /**
     * A project as a JSON tree of its normalised form (what merging works on).
     *
     * @param project the project
     * @return the tree
     */
    public ObjectNode toTree(ComposeProject project) {
        return writer.valueToTree(project);
    }

    /**
     * A project from a tree of its normalised form.
     *
     * @param tree the tree
     * @param origin what to call it in error messages
     * @return the project
     */
    public ComposeProject fromTree(ObjectNode tree, String origin) {
        try {
            return reader.treeToValue(tree, ComposeProject.class);
        } catch (JsonProcessingException e) {
            throw EcsException.client("Compose project " + origin + " is invalid: " + e.getOriginalMessage());
        }
    }

    /**
     * Writes a project as YAML.
     *
     * @param project the project
     * @return the YAML text
     */
    public String write(ComposeProject project) {
        try {
            return writer.writeValueAsString(project);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write compose YAML", e);
        }
    }

    /** Skips {@code x-} extension keys, as compose does; every other unknown key stays an error. */
    private static final class ExtensionKeys extends DeserializationProblemHandler {
        @Override
        public boolean handleUnknownProperty(DeserializationContext context, JsonParser parser,
                                             JsonDeserializer<?> deserializer, Object bean, String name)
                throws IOException {
            if (name.startsWith("x-") || name.equals("version")) {
                parser.skipChildren();
                return true;
            }
            return false;
        }
    }
}
