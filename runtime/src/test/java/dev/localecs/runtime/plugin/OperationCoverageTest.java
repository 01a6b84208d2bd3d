package dev.localecs.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.runtime.protocol.EcsModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the ECS model has a local handler: an {@code EcsAction} of a built-in plugin (read from the
 * plugins' sources, so the test needs neither a plugin build nor Docker) answers it.
 */
class OperationCoverageTest {
    private static final Pattern NAME = Pattern.compile(
            "public\\s+String\\s+name\\(\\)\\s*\\{\\s*return\\s+\"([A-Za-z0-9]+)\"\\s*;");
    private static final Pattern OTHER_SERVICE = Pattern.compile("public\\s+(final\\s+)?String\\s+service\\(\\)");

    private static Path plugins() {
        return Path.of(System.getProperty("project.root", "..")).toAbsolutePath().normalize().resolve("plugins");
    }

    /** The ECS operation names the built-in plugins' actions declare. */
    static Set<String> localOperations() {
        Set<String> names = new TreeSet<>();
        try (Stream<Path> files = Files.walk(plugins())) {
            files.filter(f -> f.toString().endsWith(".java") && f.toString().contains("/src/main/java/"))
                    .forEach(f -> {
                        String source = read(f);
                        if (!source.contains("implements EcsAction") || OTHER_SERVICE.matcher(source).find()) {
                            return;
                        }
                        Matcher name = NAME.matcher(source);
                        while (name.find()) {
                            names.add(name.group(1));
                        }
                    });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return names;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void theScanFindsKnownActions() {
        assertThat(localOperations()).contains("CreateService", "RunTask", "ListDaemons", "CreateCluster");
    }

    @Test
    void everyOperationOfTheEcsModelHasALocalHandler() {
        Set<String> missing = new TreeSet<>(EcsModel.bundled().operations());
        missing.removeAll(localOperations());
        assertThat(missing).as("ECS operations without a local handler").isEmpty();
    }
}
