package dev.localecs.engine.kubernetes;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster for tests: fabric8's mock API server in CRUD mode on 127.0.0.1 and the {@link KubeletFixture} playing
 * its one node. Engines made here get a client of their own, as a restarted runtime would.
 */
final class MockCluster implements AutoCloseable {
    static final KubernetesSettings SETTINGS = new KubernetesSettings(Optional.empty(), Optional.empty(), "ecs-",
            Map.of(), false, Optional.empty(), Optional.empty(), KubernetesSettings.DEFAULT_NAT_IMAGE,
            Duration.ofSeconds(20));

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final KubeletFixture kubelet;

    MockCluster() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        client = server.createClient();
        kubelet = new KubeletFixture(client);
    }

    KubernetesClient client() {
        return client;
    }

    /** How many requests the API server has had. */
    int requests() {
        return server.getRequestCount();
    }

    /** A new engine with a client of its own. */
    KubernetesTaskEngine engine() {
        return new KubernetesTaskEngine(server.createClient(), SETTINGS, Clock.systemUTC());
    }

    /** Registers a node the way a kubelet does: schedulable, ready, in zone-a. */
    Node addNode(String name, String cpu, String memory, String arch, boolean schedulable) {
        return addNode(node(name, cpu, memory, Map.of("kubernetes.io/arch", arch,
                "topology.kubernetes.io/zone", "zone-a")).editSpec().withUnschedulable(!schedulable).endSpec()
                .build());
    }

    /** Registers a node as given (see {@link #node}). */
    Node addNode(Node node) {
        return client.nodes().resource(node).create();
    }

    /**
     * A node with its allocatable resources and labels, for {@link #addNode(Node)} after any edits (provider id,
     * conditions, node info).
     */
    static NodeBuilder node(String name, String cpu, String memory, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withAllocatable(Map.of("cpu", new Quantity(cpu), "memory", new Quantity(memory)))
                .endStatus();
    }

    @Override
    public void close() {
        kubelet.close();
        client.close();
        try {
            server.destroy();
        } catch (IllegalStateException e) {
            // the server waits a bounded time for its connections to drain; on a loaded machine that may run out,
            // and the test's outcome is already decided: the port goes with the test JVM
            java.util.logging.Logger.getLogger(MockCluster.class.getName()).warning("Mock API server: "
                    + e.getMessage());
        }
    }
}
