package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.TaskPlacement;
import dev.localecs.api.model.PlacementConstraint;
import dev.localecs.runtime.compose.ComposedTask;
import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.EngineNode;
import dev.localecs.runtime.tasks.TaskEngine;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
    void aPlacedTasksPodIsPinnedToTheChosenNode() {
        cluster.addNode("node-a", "2", "4Gi", "amd64", true);
        ComposedTask task = GoldenPodSpecsTest.composed(GoldenPodSpecsTest.CORPUS.resolve(
                "02-ec2-bridge-dynamic-port.compose.yml")).placed(new TaskPlacement(Optional.of("node-a"),
                List.of(new PlacementConstraint("memberOf", "attribute:ecs.cpu-architecture == x86_64")), List.of(),
                Optional.of("family:web"), Optional.empty()));
        Map<String, String> ids = launch(task, Map.of());

        Pod pod = cluster.client().pods().inNamespace("ecs-default")
                .withName("ecs-ec2-web-0123456789abcdef0123456789abcdef").get();
        NodeSelectorTerm term = pod.getSpec().getAffinity().getNodeAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0);
        assertThat(term.getMatchFields().get(0).getValues()).containsExactly("node-a");
        assertThat(term.getMatchExpressions().get(0).getKey()).isEqualTo("kubernetes.io/arch");
        assertThat(term.getMatchExpressions().get(0).getValues()).containsExactly("amd64");
        assertThat(engine.observe(ids.get("web"), "").running()).isTrue();
    }

    @Test
    void schedulableNodesAreContainerInstancesWithTheirResourcesAndAttributes() {
        cluster.addNode(MockCluster.node("node-b", "2", "4Gi", Map.of("kubernetes.io/arch", "arm64",
                        "kubernetes.io/os", "linux", "topology.kubernetes.io/zone", "us-east-1b",
                        "node.kubernetes.io/instance-type", "m6g.large"))
                .editSpec().withProviderID("aws:///us-east-1b/i-0123456789abcdef0").endSpec()
                .editStatus().withConditions(condition("Ready", "True")).withNewNodeInfo()
                .withContainerRuntimeVersion("containerd://1.7.2").withArchitecture("arm64").endNodeInfo()
                .endStatus().build());
        // only the beta labels; architecture and OS from the kubelet's node info; not an EC2 instance
        cluster.addNode(MockCluster.node("node-a", "3500m", "8Gi", Map.of(
                        "failure-domain.beta.kubernetes.io/zone", "us-east-1a",
                        "beta.kubernetes.io/instance-type", "c5.xlarge"))
                .editSpec().withProviderID("kind://docker/kind/node-a").endSpec()
                .editStatus().withNewNodeInfo().withOperatingSystem("linux").withArchitecture("amd64").endNodeInfo()
                .endStatus().build());
        cluster.addNode("cordoned", "16", "64Gi", "amd64", false);
        cluster.addNode(MockCluster.node("not-ready", "16", "64Gi", Map.of("kubernetes.io/arch", "amd64"))
                .editStatus().withConditions(condition("MemoryPressure", "False"), condition("Ready", "False"))
                .endStatus().build());

        List<EngineNode> nodes = engine.nodes();
        assertThat(nodes).extracting(EngineNode::name).containsExactly("node-a", "node-b");
        EngineNode a = nodes.get(0);
        assertThat(a.cpuUnits()).isEqualTo(3584);
        assertThat(a.memoryMib()).isEqualTo(8192);
        assertThat(a.attributes()).isEqualTo(Map.of("ecs.availability-zone", "us-east-1a",
                "ecs.instance-type", "c5.xlarge", "ecs.cpu-architecture", "x86_64", "ecs.os-type", "linux"));
        assertThat(a.ec2InstanceId()).isEmpty();
        assertThat(a.runtimeVersion()).isEqualTo("unknown");
        EngineNode b = nodes.get(1);
        assertThat(b.cpuUnits()).isEqualTo(2048);
        assertThat(b.memoryMib()).isEqualTo(4096);
        assertThat(b.attributes()).isEqualTo(Map.of("ecs.availability-zone", "us-east-1b",
                "ecs.instance-type", "m6g.large", "ecs.cpu-architecture", "arm64", "ecs.os-type", "linux"));
        assertThat(b.ec2InstanceId()).contains("i-0123456789abcdef0");
        assertThat(b.runtimeVersion()).isEqualTo("containerd://1.7.2");

        EngineHost host = engine.host();
        assertThat(host.cpus()).isEqualTo(5);
        assertThat(host.memoryMib()).isEqualTo(12288);
        assertThat(host.architecture()).isEqualTo("x86_64");
        assertThat(host.engineId()).startsWith("kubernetes:");
    }

    @Test
    void nodesFollowTheClusterThroughTheWatch() throws InterruptedException {
        cluster.addNode("node-a", "2", "4Gi", "amd64", true);
        assertThat(engine.nodes()).extracting(EngineNode::name).containsExactly("node-a");
        // asked at every placement and DescribeContainerInstances: answered from the watch's cache
        int requests = cluster.requests();
        for (int i = 0; i < 20; i++) {
            assertThat(engine.nodes()).hasSize(1);
        }
        assertThat(cluster.requests()).isEqualTo(requests);

        cluster.addNode("node-c", "4", "8Gi", "arm64", true);
        awaitNodes("node-a", "node-c");
        // a node the kubelet reports not ready, and one cordoned, leave the container instances
        cluster.client().nodes().withName("node-a").edit(n -> new NodeBuilder(n).editStatus()
                .withConditions(condition("Ready", "Unknown")).endStatus().build());
        awaitNodes("node-c");
        cluster.client().nodes().withName("node-c").edit(n -> new NodeBuilder(n).editSpec().withUnschedulable(true)
                .endSpec().build());
        awaitNodes();
    }

    private void awaitNodes(String... names) throws InterruptedException {
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (!engine.nodes().stream().map(EngineNode::name).toList().equals(List.of(names))) {
            assertThat(System.nanoTime()).as("nodes %s, expected %s", engine.nodes(), List.of(names))
                    .isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    @Test
    void theHostAsksTheApiServerForItsVersionOnlyOnceInAWhile() {
        cluster.addNode("node-a", "2", "4Gi", "amd64", true);
        assertThat(engine.host().cpus()).isEqualTo(2);
        // read at every placement and container-instance read: the version is not asked again each time
        int requests = cluster.requests();
        for (int i = 0; i < 20; i++) {
            assertThat(engine.host().memoryMib()).isEqualTo(4096);
        }
        assertThat(cluster.requests()).isEqualTo(requests);
    }

    private static NodeCondition condition(String type, String status) {
        return new NodeConditionBuilder().withType(type).withStatus(status).build();
    }
}
