package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.TaskEngine;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The engine against the mock API server and the kubelet fixture: Secrets, removal, nodes, re-adoption. */
class KubernetesTaskEngineTest {
    private MockCluster cluster;
    private KubernetesTaskEngine engine;

    @BeforeEach
    void start() {
        cluster = new MockCluster();
        engine = cluster.engine();
        engine.events((taskArn, container, action, exitCode) -> { });
    }

    @AfterEach
    void stop() {
        engine.close();
        cluster.close();
    }

    private Map<String, String> launch(ComposedTask task, Map<String, Map<String, String>> secrets) {
        engine.prepare(task, Map.of());
        Map<String, String> ids = new LinkedHashMap<>();
        task.effective().services().keySet().forEach(service -> ids.put(service,
                engine.create(task, service, Map.copyOf(ids), secrets.getOrDefault(service, Map.of()))));
        ids.replaceAll((service, id) -> engine.start(id));
        return ids;
    }

    @Test
    void resolvedSecretsLiveOnlyInTheContainersSecretAndGoWithTheTask() throws InterruptedException {
        ComposedTask task = GoldenPodSpecsTest.composed(GoldenPodSpecsTest.CORPUS.resolve("06-secrets.compose.yml"));
        Map<String, String> ids = launch(task, Map.of("app", Map.of("DB_PASSWORD", "s3cr3t-value", "API_KEY", "k")));

        Pod pod = cluster.client().pods().inNamespace("ecs-default")
                .withName("ecs-secrets-app-0123456789abcdef0123456789abcdef").get();
        assertThat(new KubernetesSerialization().asJson(pod)).doesNotContain("s3cr3t-value");
        Secret secret = cluster.client().secrets().inNamespace("ecs-default")
                .withName("ecs-secrets-app-0123456789abcdef0123456789abcdef-app").get();
        String stored = secret.getData() != null && secret.getData().containsKey("DB_PASSWORD")
                ? new String(Base64.getDecoder().decode(secret.getData().get("DB_PASSWORD")), StandardCharsets.UTF_8)
                : secret.getStringData().get("DB_PASSWORD");
        assertThat(stored).isEqualTo("s3cr3t-value");
        TaskEngine.Observation app = engine.observe(ids.get("app"), "");
        assertThat(app.running()).isTrue();
        assertThat(app.ip()).hasValueSatisfying(ip -> assertThat(ip).startsWith("10.244.0."));
        assertThat(engine.observe(ids.get("ecs-local-pause"), "").ip()).isEqualTo(app.ip());

        engine.remove(task.project());
        // the kubelet ends the Pod's containers, then the API server lets it go
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!cluster.client().pods().inNamespace("ecs-default").list().getItems().isEmpty()) {
            assertThat(System.nanoTime()).as("Pod still there after its removal").isLessThan(deadline);
            Thread.sleep(20);
        }
        assertThat(cluster.client().secrets().inNamespace("ecs-default").list().getItems()).isEmpty();
    }

    @Test
    void aNewEngineFindsTheTasksContainersByLabel() {
        ComposedTask task = GoldenPodSpecsTest.composed(GoldenPodSpecsTest.CORPUS.resolve("05-awsvpc-web-worker.compose.yml"));
        Map<String, String> ids = launch(task, Map.of());
        String taskArn = "arn:aws:ecs:us-east-1:123456789012:task/default/0123456789abcdef0123456789abcdef";

        try (KubernetesTaskEngine restarted = cluster.engine()) {
            Map<String, TaskEngine.Observation> found = restarted.containers(taskArn);
            assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(ids.keySet());
            found.forEach((name, seen) -> assertThat(seen.id()).isEqualTo(ids.get(name)));
            assertThat(found.values()).allMatch(TaskEngine.Observation::running);
            assertThat(restarted.containers(taskArn.replace("0123", "9999"))).isEmpty();
        }
    }

    @Test
    void schedulableNodesAreTheCapacityWithTheirAllocatableResources() {
        cluster.addNode("node-b", "2", "4Gi", "arm64", true);
        cluster.addNode("node-a", "3500m", "8Gi", "amd64", true);
        cluster.addNode("cordoned", "16", "64Gi", "amd64", false);

        List<KubernetesTaskEngine.NodeCapacity> nodes = engine.nodes();
        assertThat(nodes).extracting(KubernetesTaskEngine.NodeCapacity::name).containsExactly("node-a", "node-b");
        assertThat(nodes.get(0).cpuUnits()).isEqualTo(3584);
        assertThat(nodes.get(0).memoryMib()).isEqualTo(8192);
        assertThat(nodes.get(0).architecture()).isEqualTo("x86_64");
        assertThat(nodes.get(1).architecture()).isEqualTo("arm64");
        assertThat(nodes.get(1).zone()).contains("zone-a");

        EngineHost host = engine.host();
        assertThat(host.cpus()).isEqualTo(5);
        assertThat(host.memoryMib()).isEqualTo(12288);
        assertThat(host.engineId()).startsWith("kubernetes:");
    }
}
