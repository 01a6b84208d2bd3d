package dev.localecs.engine.kubernetes;

import io.fabric8.kubernetes.api.model.*;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import org.junit.jupiter.api.Test;

class ScratchMockTest {
    @Test
    void probe() {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(java.net.InetAddress.getLoopbackAddress(), 0);
        KubernetesClient client = server.createClient();
        Pod pod = new PodBuilder().withNewMetadata().withName("p").withNamespace("ns").withFinalizers("x/y").endMetadata()
                .withNewSpec().addNewContainer().withName("c").withImage("i").endContainer().endSpec().build();
        client.pods().inNamespace("ns").resource(pod).create();
        client.pods().inNamespace("ns").withName("p").editStatus(p -> new PodBuilder(p).withNewStatus().withPhase("Running").withPodIP("10.0.0.1").endStatus().build());
        System.out.println("STATUS " + client.pods().inNamespace("ns").withName("p").get().getStatus());
        client.pods().inNamespace("ns").withName("p").withGracePeriod(5).delete();
        Pod after = client.pods().inNamespace("ns").withName("p").get();
        System.out.println("AFTER " + (after == null ? null : after.getMetadata().getDeletionTimestamp()));
        if (after != null) {
            client.pods().inNamespace("ns").withName("p").edit(p -> new PodBuilder(p).editMetadata().withFinalizers().endMetadata().build());
            System.out.println("FINAL " + client.pods().inNamespace("ns").withName("p").get());
        }
        System.out.println("UID " + client.pods().inNamespace("ns").list().getItems());
        server.destroy();
    }
}
