package dev.localecs.plugins.services;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.model.Task;
import dev.localecs.plugins.services.network.NetworkScene;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The scheduler's drain takes a task out of the services' network before the task is told to stop. */
class NetworkDrainTest {
    private final NetworkScene scene;

    NetworkDrainTest() throws IOException {
        scene = new NetworkScene();
    }

    @AfterEach
    void close() throws IOException {
        scene.close();
    }

    @Test
    void theSchedulersStopDeregistersTheTaskWhileItIsStillRunningThenStopsIt() throws IOException {
        scene.networking.refresh(List.of(scene.backend, scene.client));
        String id = NetworkScene.id(scene.first);
        Map<String, String> desiredAtDeregistration = new ConcurrentHashMap<>();
        scene.peers.onCall(call -> {
            if (call.operation().startsWith("Deregister")) {
                desiredAtDeregistration.put(call.operation(), scene.context.tasks().find("default", id)
                        .map(Task::desiredStatus).orElseThrow());
            }
        });
        String reason = "Scaling activity initiated by (deployment ecs-svc/1)";
        StoredService backend = new StoredService(scene.backend.serviceArn(), "backend", "default", "ACTIVE", 2,
                "backend:1", "FARGATE", "REPLICA", 0, null, scene.context.json().createObjectNode(), List.of(),
                List.of(), true, List.of(), List.of());

        new NetworkDrain(scene.networking).stopping(backend, scene.first, reason);
        Task stopped = scene.context.tasks().stopForScheduler("default", id, reason).orElseThrow();

        assertThat(desiredAtDeregistration).containsOnly(Map.entry("DeregisterInstance", "RUNNING"),
                Map.entry("DeregisterTargets", "RUNNING"));
        assertThat(stopped.desiredStatus()).isEqualTo("STOPPED");
        for (int i = 0; i < 4; i++) {
            assertThat(NetworkScene.ask("127.0.0.1", scene.frontDoorPort)).isEqualTo("127.0.0.3");
        }
    }
}
