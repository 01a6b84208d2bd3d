package dev.localecs.engine.kubernetes;

import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskEngineContract;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine contract on the Kubernetes engine: fabric8's mock API server in CRUD mode, a fixture playing the
 * kubelet; a restart of the runtime is a new engine (client, informer) adopting the Pods by label.
 */
class KubernetesEngineContractTest extends TaskEngineContract {
    private MockCluster cluster;

    @BeforeEach
    void startCluster() {
        cluster = new MockCluster();
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
