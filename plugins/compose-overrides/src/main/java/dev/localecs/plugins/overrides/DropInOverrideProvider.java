package dev.localecs.plugins.overrides;

import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.error.ConfigurationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.pf4j.Extension;

/**
 * User drop-in override files: the files in {@code compose.overrides.dirs} (default {@code compose.dest})
 * whose names match {@code compose.overrides.patterns} for this task, applied after the built-in overrides
 * in file-name order. Placeholders: {@code {family}}, {@code {family_}} (family with {@code -} as
 * {@code _}, the seed's convention), {@code {revision}}, {@code {cluster}}.
 */
@Extension
public final class DropInOverrideProvider implements ComposeOverrideProvider {
    private final List<Path> dirs;
    private final List<String> patterns;
    private final PluginContext context;

    /**
     * Creates the provider, checking the patterns.
     *
     * @param context the runtime's services
     * @throws ConfigurationException when a pattern could reach outside its folder
     */
    public DropInOverrideProvider(PluginContext context) {
        this.context = context;
        List<String> configuredDirs = context.config().list("compose.overrides.dirs");
        this.dirs = (configuredDirs.isEmpty() ? List.of(context.config().get("compose.dest", "/tmp")) : configuredDirs)
                .stream().map(Path::of).toList();
        this.patterns = context.config().list("compose.overrides.patterns");
        for (String pattern : patterns) {
            if (pattern.contains("/") || pattern.contains("\\") || pattern.contains("..")) {
                throw new ConfigurationException("compose.overrides.patterns entry '" + pattern
                        + "' must be a file-name pattern without '/', '\\\\' or '..'.");
            }
        }
    }

    @Override
    public String name() {
        return "drop-in";
    }

    @Override
    public int order() {
        return 100;
    }

    @Override
    public List<ComposeFragment> fragments(TaskLaunch launch) {
        List<PathMatcher> matchers = patterns.stream()
                .map(pattern -> expand(pattern, launch))
                .map(glob -> FileSystems.getDefault().getPathMatcher("glob:" + escape(glob)))
                .toList();
        Set<Path> files = new LinkedHashSet<>();
        for (Path dir : dirs) {
            if (!Files.isDirectory(dir)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(dir)) {
                entries.filter(Files::isRegularFile)
                        .filter(file -> matchers.stream().anyMatch(m -> m.matches(file.getFileName())))
                        .forEach(file -> files.add(file.toAbsolutePath().normalize()));
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot list drop-in folder " + dir, e);
            }
        }
        List<Path> ordered = new ArrayList<>(files);
        ordered.sort(Comparator.comparing((Path file) -> file.getFileName().toString()).thenComparing(Path::toString));
        return ordered.stream()
                .map(file -> new ComposeFragment("drop-in." + stem(file), context.composeFiles().read(file),
                        Optional.of(file)))
                .toList();
    }

    static String expand(String pattern, TaskLaunch launch) {
        String family = launch.taskDefinition().family();
        return pattern.replace("{family_}", family.replace('-', '_'))
                .replace("{family}", family)
                .replace("{revision}", String.valueOf(launch.taskDefinition().revision()))
                .replace("{cluster}", launch.cluster());
    }

    /** Families and clusters are [a-zA-Z0-9_-]; only glob syntax in the configured pattern stays live. */
    private static String escape(String glob) {
        return glob.replace("[", "\\[").replace("{", "\\{");
    }

    private static String stem(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return (dot > 0 ? name.substring(0, dot) : name).replaceAll("[^a-zA-Z0-9_.-]", "_");
    }
}
