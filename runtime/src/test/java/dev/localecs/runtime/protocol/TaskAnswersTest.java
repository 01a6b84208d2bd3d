package dev.localecs.runtime.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.EcsJson;
import dev.localecs.api.model.Container;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tasks serialised once per version, tags per call, the same JSON as the plain mapper writes. */
class TaskAnswersTest {
    private final ObjectMapper plain = EcsJson.create();
    private final ObjectMapper wire = TaskAnswers.install(EcsJson.create());

    private static Task task(long version, String lastStatus, List<Tag> tags) {
        Container app = new Container("arn:aws:ecs:us-east-1:000000000000:container/default/t1/c1",
                "arn:aws:ecs:us-east-1:000000000000:task/default/t1", "app", "busybox", null, "abc", lastStatus, null,
                null, List.of(), List.of(), "UNKNOWN", List.of(), "0", "16", null, null);
        return new Task(List.of(), List.of(), "local-1a", null, "arn:aws:ecs:us-east-1:000000000000:cluster/default",
                null, null, null, List.of(app), null, Instant.parse("2026-11-30T07:00:00.123Z"), "RUNNING", false,
                null, "family:f", "UNKNOWN", List.of(), lastStatus, "EC2", null, null, null, null, null, null, null,
                null, null, null, null, null, tags, "arn:aws:ecs:us-east-1:000000000000:task/default/t1",
                "arn:aws:ecs:us-east-1:000000000000:task-definition/f:1", version, null, null);
    }

    @Test
    void theAnswerIsTheJsonThePlainMapperWrites() throws Exception {
        Task tagged = task(3, "RUNNING", List.of(new Tag("team", "a")));
        Task untagged = task(3, "RUNNING", null);
        assertThat(wire.readTree(wire.writeValueAsBytes(Map.of("tasks", List.of(tagged, untagged)))))
                .isEqualTo(plain.readTree(plain.writeValueAsBytes(Map.of("tasks", List.of(tagged, untagged)))));
        assertThat(wire.readTree(wire.writeValueAsString(tagged)).path("tags").get(0).path("key").asText())
                .isEqualTo("team");
        assertThat(wire.readTree(wire.writeValueAsString(untagged)).has("tags")).isFalse();
    }

    @Test
    void aTaskIsRenderedAgainOnlyWhenItsVersionChanges() throws Exception {
        assertThat(wire.readTree(wire.writeValueAsString(task(1, "PENDING", null))).path("lastStatus").asText())
                .isEqualTo("PENDING");
        // the same version is the same task (every change bumps it): the kept rendering is written
        assertThat(wire.readTree(wire.writeValueAsString(task(1, "RUNNING", null))).path("lastStatus").asText())
                .isEqualTo("PENDING");
        assertThat(wire.readTree(wire.writeValueAsString(task(2, "RUNNING", null))).path("lastStatus").asText())
                .isEqualTo("RUNNING");
        assertThat(wire.readTree(wire.writeValueAsString(task(2, "RUNNING", null))).path("containers").get(0)
                .path("lastStatus").asText()).isEqualTo("RUNNING");
    }

    @Test
    void treesOfTasksStayObjectsForPluginsThatEditThem() {
        // plugins turn tasks into trees with the runtime's mapper (the EventBridge plugin's event details)
        var tree = wire.valueToTree(task(4, "RUNNING", List.of(new Tag("team", "a"))));
        assertThat(tree.isObject()).isTrue();
        assertThat(tree.path("lastStatus").asText()).isEqualTo("RUNNING");
        assertThat(tree.path("tags").get(0).path("value").asText()).isEqualTo("a");
        assertThat(wire.convertValue(task(4, "RUNNING", null), Map.class)).containsEntry("lastStatus", "RUNNING");
    }
}
