package dev.localecs.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsJson;
import dev.localecs.api.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JsonFileStoreTest {
    @TempDir
    Path root;

    @Test
    void everyUnreadableFileIsNamedAtOnce() throws Exception {
        Files.writeString(root.resolve("clusters.json"), "{\"default\": ");
        Files.createDirectories(root.resolve("task-definitions"));
        Files.writeString(root.resolve("task-definitions/web.json"), "not json");
        Files.writeString(root.resolve("task-definitions/ok.json"), "{\"lastRevision\": 1, \"revisions\": []}");
        JsonFileStore store = new JsonFileStore(root, EcsJson.create());
        new FileClusterRegistry(store, new EcsArns("us-east-1", "000000000000"));
        new FileTaskDefinitionRegistry(store, reference -> Optional.empty());
        new FileTagRegistry(store);
        assertThatThrownBy(store::requireReadable).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("2 state files are unreadable")
                .hasMessageContaining(root.resolve("clusters.json").toString())
                .hasMessageContaining(root.resolve("task-definitions/web.json").toString())
                .hasMessageNotContaining("ok.json")
                .hasMessageContaining("Move them away or fix them");
    }

    @Test
    void readableStateStarts() throws Exception {
        Files.writeString(root.resolve("tags.json"), "{}");
        JsonFileStore store = new JsonFileStore(root, EcsJson.create());
        new FileTagRegistry(store);
        store.requireReadable();
        assertThat(store.root()).isEqualTo(root);
    }
}
