package dev.localecs.runtime.protocol;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

/**
 * botocore's ECS model ({@code data/ecs/2014-11-13/service-2.json[.gz]} of the installed botocore): the authority
 * the SDK-derived {@link EcsModel} is checked against. Located through {@code python3}, as on every machine of
 * the project.
 */
final class BotocoreEcsModel {
    private static JsonNode model;

    private BotocoreEcsModel() {
    }

    static synchronized JsonNode get() {
        if (model == null) {
            Path folder;
            try {
                folder = botocoreDir().resolve("data/ecs/2014-11-13");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            // pip's botocore ships its models gzipped, Debian's python3-botocore uncompressed
            Path gzipped = folder.resolve("service-2.json.gz");
            try (InputStream in = Files.exists(gzipped) ? new GZIPInputStream(Files.newInputStream(gzipped))
                    : Files.newInputStream(folder.resolve("service-2.json"))) {
                model = new ObjectMapper().readTree(in);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return model;
    }

    static Set<String> operations() {
        Set<String> names = new TreeSet<>();
        get().get("operations").fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** The shape named by an operation's {@code input}. */
    static JsonNode input(String operation) {
        return shape(get().at("/operations/" + operation + "/input/shape").asText());
    }

    static JsonNode shape(String name) {
        JsonNode shape = get().get("shapes").get(name);
        if (shape == null) {
            throw new IllegalArgumentException("botocore has no shape " + name);
        }
        return shape;
    }

    private static Path botocoreDir() throws IOException {
        Process python = new ProcessBuilder("python3", "-c",
                "import botocore,os;print(os.path.dirname(botocore.__file__))").redirectErrorStream(true).start();
        try {
            String out = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!python.waitFor(30, TimeUnit.SECONDS) || python.exitValue() != 0) {
                throw new IllegalStateException("python3 cannot locate botocore: " + out);
            }
            return Path.of(out);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while locating botocore", e);
        }
    }
}
