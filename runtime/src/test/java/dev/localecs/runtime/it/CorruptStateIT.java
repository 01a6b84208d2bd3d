package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Unreadable files in {@code state.dir}: one start of the runtime names every one of them and refuses to
 * start (nothing is served from a partial state); once they are moved away it starts.
 */
class CorruptStateIT {
    @TempDir
    Path state;
    @TempDir
    Path away;

    @Test
    void everyUnreadableStateFileIsNamedInOneRefusedStart() throws Exception {
        Path clusters = Files.writeString(state.resolve("clusters.json"), "{\"default\": {\"clusterName\": ");
        Files.createDirectories(state.resolve("task-definitions"));
        Path family = Files.writeString(state.resolve("task-definitions/web.json"), "\u0000\u0001garbage");
        Files.createDirectories(state.resolve("tasks"));
        Path task = Files.writeString(state.resolve("tasks/" + "0".repeat(32) + ".json"), "{\"task\": [}");

        RuntimeProcess refused = RuntimeProcess.launch(state, Map.of());
        assertThat(refused.awaitExit(Duration.ofSeconds(60))).isEqualTo(1);
        assertThat(refused.output()).contains("local-ecs-api cannot start: 3 state files are unreadable")
                .contains(clusters.toString(), family.toString(), task.toString());

        for (Path file : new Path[] {clusters, family, task}) {
            Files.move(file, away.resolve(file.getFileName()));
        }
        try (RuntimeProcess started = RuntimeProcess.start(state, Map.of())) {
            assertThat(started.get("/health").statusCode()).isEqualTo(200);
        }
    }
}
