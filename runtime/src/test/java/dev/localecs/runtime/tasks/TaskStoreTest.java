package dev.localecs.runtime.tasks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.state.JsonFileStore;
import dev.localecs.runtime.state.WriteAheadLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TaskStoreTest {
    private static final ObjectMapper JSON = EcsJson.create();
    private static final String A = "a".repeat(32);
    private static final String B = "b".repeat(32);

    @TempDir
    Path root;

    @Test
    void loggedTasksSurviveWithoutTheirFilesAndTheNewerVersionWins() throws Exception {
        TaskStore store = new TaskStore(new JsonFileStore(root, JSON));
        store.load();
        store.openJournal();
        store.log(task(A, 1, "PROVISIONING"));
        store.log(task(B, 1, "PROVISIONING"));
        store.log(task(A, 4, "RUNNING"));
        store.save(task(B, 3, "RUNNING")); // the writer got further than the log for B
        // a crash now: nothing closed, no compaction

        JsonFileStore state = new JsonFileStore(root, JSON);
        TaskStore restarted = new TaskStore(state);
        List<PersistedTask> loaded = restarted.load();
        state.requireReadable();
        assertThat(loaded).extracting(t -> t.task().taskArn(), t -> t.task().version(), t -> t.task().lastStatus())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(arn(A), 4L, "RUNNING"),
                        org.assertj.core.groups.Tuple.tuple(arn(B), 3L, "RUNNING"));
        assertThat(root.resolve("tasks/" + A + ".json")).as("load writes nothing").doesNotExist();

        restarted.openJournal();
        assertThat(JSON.readValue(root.resolve("tasks/" + A + ".json").toFile(), PersistedTask.class).task().version())
                .as("compacted into the task file").isEqualTo(4L);
        List<Path> segments = WriteAheadLog.segments(root.resolve("tasks"), "journal");
        assertThat(segments).as("only the new segment is left").hasSize(1);
        assertThat(WriteAheadLog.read(segments.get(0))).as("the replayed entries are gone").isEmpty();
        restarted.close();
    }

    @Test
    void unreadableTaskFilesRefuseTheStartTogether() throws Exception {
        Files.createDirectories(root.resolve("tasks"));
        Files.writeString(root.resolve("tasks/" + A + ".json"), "{\"task\": {");
        Files.writeString(root.resolve("tasks/" + B + ".json"), "]");
        JsonFileStore state = new JsonFileStore(root, JSON);
        assertThat(new TaskStore(state).load()).isEmpty();
        assertThatThrownBy(state::requireReadable).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining(A + ".json").hasMessageContaining(B + ".json");
    }

    private static String arn(String id) {
        return "arn:aws:ecs:us-east-1:000000000000:task/default/" + id;
    }

    private static PersistedTask task(String id, long version, String status) throws Exception {
        return JSON.readValue("{\"task\": {\"taskArn\": \"" + arn(id) + "\", \"version\": " + version
                + ", \"lastStatus\": \"" + status + "\"}, \"project\": \"p-" + id + "\", \"endpointId\": \"e\"}",
                PersistedTask.class);
    }
}
