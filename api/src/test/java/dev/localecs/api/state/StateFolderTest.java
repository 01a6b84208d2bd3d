package dev.localecs.api.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.ConfigView;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFolderTest {
    record Thing(String name, int size) {
    }

    @TempDir
    Path dir;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void writesReadsBackInPathOrderAndDeletes() {
        StateFolder folder = new StateFolder(dir.resolve("things"), json, "thing");
        folder.write(Path.of("b", "two.json"), new Thing("two", 2));
        folder.write(Path.of("a", "one.json"), new Thing("one", 1));
        folder.write(Path.of("a", "deeper", "three.json"), new Thing("three", 3));

        assertThat(folder.readAll("", 2, Thing.class)).containsExactly(new Thing("one", 1), new Thing("two", 2));
        assertThat(folder.readAll("a", 2, Thing.class)).containsExactly(new Thing("three", 3), new Thing("one", 1));
        assertThat(folder.readAll("missing", 2, Thing.class)).isEmpty();

        folder.delete(Path.of("a", "one.json"));
        folder.delete(Path.of("a", "never-written.json"));
        assertThat(folder.readAll("", 2, Thing.class)).containsExactly(new Thing("two", 2));
    }

    @Test
    void anUnreadableFileIsNamed() throws Exception {
        StateFolder folder = new StateFolder(dir, json, "gateway");
        Files.writeString(dir.resolve("broken.json"), "{not json");
        assertThatThrownBy(() -> folder.readAll("", 1, Thing.class)).isInstanceOf(UncheckedIOException.class)
                .hasMessageStartingWith("Unreadable gateway state file " + dir.resolve("broken.json"));
    }

    @Test
    void theFolderIsUnderStateDirAsTheRuntimeReadsItAndAbsentWithoutIt() {
        ConfigView none = config(Map.of());
        assertThat(StateFolder.of(none, "services", json, "service")).isEmpty();
        ConfigView home = config(Map.of("state.dir", "~/.local-ecs-api/state"));
        assertThat(StateFolder.of(home, "services", json, "service")).get().extracting(StateFolder::root)
                .isEqualTo(Path.of(System.getProperty("user.home"), ".local-ecs-api", "state", "services"));
        assertThat(StateFolder.stateDir("/var/state")).isEqualTo(Path.of("/var/state"));
        assertThat(List.of(StateFolder.stateDir("relative"))).allMatch(Path::isAbsolute);
    }

    private static ConfigView config(Map<String, String> values) {
        return new ConfigView() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(values.get(key));
            }

            @Override
            public int getInt(String key, int defaultValue) {
                return get(key).map(Integer::parseInt).orElse(defaultValue);
            }

            @Override
            public List<String> list(String key) {
                return get(key).map(value -> List.of(value.split(","))).orElse(List.of());
            }
        };
    }
}
