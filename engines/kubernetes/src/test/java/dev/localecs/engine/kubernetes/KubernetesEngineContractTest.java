package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.api.model.Task;
import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskEngineContract;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine contract on the Kubernetes engine: fabric8's mock API server in CRUD mode, a fixture playing the
 * kubelet playing two nodes; a restart of the runtime is a new engine (client, informer) adopting the Pods by label.
 */
class KubernetesEngineContractTest extends TaskEngineContract {
    private MockCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
        cluster.addNode("node-a", "2", "4Gi", "amd64", true);
        cluster.addNode(MockCluster.node("node-b", "4", "8Gi", Map.of("kubernetes.io/arch", "amd64",
                "topology.kubernetes.io/zone", "zone-b")).build());
    }

    /** The id in the container's status (the container runtime's, without its scheme), as the kubelet reports it. */
    @Override
    protected String reportedDockerId(Task task, String container) {
        String id = pod(task).getStatus().getContainerStatuses().stream().filter(s -> s.getName().equals(container))
                .findFirst().orElseThrow().getContainerID();
        assertThat(id).startsWith("containerd://");
        return id.substring("containerd://".length());
    }

    /** The zone of the node the kubelet fixture binds unplaced Pods to (the first). */
    @Override
    protected String reportedZone() {
        return "zone-a";
    }

    private Pod pod(Task task) {
        return cluster.client().pods().inAnyNamespace().withLabel(KubeNames.TASK_ID,
                KubeNames.labelValue(KubeNames.taskId(task.taskArn()))).list().getItems().get(0);
    }

    /** The node a task's Pod is pinned to (its required node affinity on {@code metadata.name}). */
    @Override
    protected Optional<String> machineOf(Task task) {
        return pod(task).getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                .getNodeSelectorTerms().get(0).getMatchFields().stream()
                .filter(field -> field.getKey().equals("metadata.name")).findFirst()
                .map(field -> field.getValues().get(0));
    }

    @Override
    protected TaskEngine engine(boolean restart) {
        return cluster.engine();
    }

    @Override
    protected void closePlatform() {
        cluster.close();
    }
}
