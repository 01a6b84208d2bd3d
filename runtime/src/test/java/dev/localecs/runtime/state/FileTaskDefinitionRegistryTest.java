package dev.localecs.runtime.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.model.TaskDefinition;
import dev.localecs.api.EcsJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTaskDefinitionRegistryTest {
    @TempDir
    Path state;
    private final List<String> upstreamAsked = new ArrayList<>();

    private FileTaskDefinitionRegistry open() {
        return new FileTaskDefinitionRegistry(new JsonFileStore(state, EcsJson.create()), reference -> {
            upstreamAsked.add(reference);
            return reference.equals("remote") ? Optional.of(definition("remote", 4, "ACTIVE")) : Optional.empty();
        });
    }

    private static TaskDefinition definition(String family, int revision, String status) {
        return new TaskDefinition("arn:aws:ecs:us-east-1:000000000000:task-definition/" + family + ":" + revision,
                List.of(), family, null, null, null, revision, List.of(), status, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null);
    }

    private static TaskDefinition withStatus(TaskDefinition d, String status) {
        return definition(d.family(), d.revision(), status);
    }

    @Test
    void revisionsCountUpPerFamilyAndSurviveReopening() {
        FileTaskDefinitionRegistry registry = open();
        registry.register("web", revision -> definition("web", revision, "ACTIVE"));
        registry.register("web", revision -> definition("web", revision, "ACTIVE"));
        registry.register("db", revision -> definition("db", revision, "ACTIVE"));

        FileTaskDefinitionRegistry reopened = open();
        assertThat(reopened.families()).containsExactly("db", "web");
        assertThat(reopened.revisions("web")).extracting(TaskDefinition::revision).containsExactly(1, 2);
        assertThat(reopened.register("web", revision -> definition("web", revision, "ACTIVE")).revision()).isEqualTo(3);
    }

    @Test
    void familyAloneResolvesToTheLatestActiveRevision() {
        FileTaskDefinitionRegistry registry = open();
        registry.register("web", revision -> definition("web", revision, "ACTIVE"));
        TaskDefinition second = registry.register("web", revision -> definition("web", revision, "ACTIVE"));
        registry.update(withStatus(second, "INACTIVE"));

        assertThat(registry.resolve("web")).map(TaskDefinition::revision).hasValue(1);
        assertThat(registry.resolve("web:2")).map(TaskDefinition::status).hasValue("INACTIVE");
        assertThat(registry.resolve("arn:aws:ecs:us-east-1:000000000000:task-definition/web:2")).isPresent();
        assertThat(upstreamAsked).as("local hits never go upstream").isEmpty();
    }

    @Test
    void onlyMissesGoUpstream() {
        FileTaskDefinitionRegistry registry = open();
        assertThat(registry.resolve("remote")).map(TaskDefinition::revision).hasValue(4);
        assertThat(registry.resolve("ghost:1")).isEmpty();
        assertThat(registry.resolve("not a reference")).isEmpty();
        assertThat(upstreamAsked).containsExactly("remote", "ghost:1");
    }

    @Test
    void writesLeaveNoTemporaryFilesBehind() throws Exception {
        FileTaskDefinitionRegistry registry = open();
        for (int i = 0; i < 5; i++) {
            registry.register("web", revision -> definition("web", revision, "ACTIVE"));
        }
        try (Stream<Path> files = Files.list(state.resolve("task-definitions"))) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly("web.json");
        }
    }
}
