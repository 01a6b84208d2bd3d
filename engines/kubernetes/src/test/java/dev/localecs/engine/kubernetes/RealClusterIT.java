package dev.localecs.engine.kubernetes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.localecs.runtime.tasks.RealCommands;
import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskEngineContract;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Kubernetes engine on a real cluster (profile {@code kubernetes}: {@code KUBECONFIG=… mvn verify -Pkubernetes
 * -pl engines/kubernetes -am}); it fails, never skips, when the kubeconfig reaches no cluster. Tasks go to the
 * namespace {@code local-ecs-api-it-default} (deleted by hand afterwards: {@code kubectl delete ns
 * local-ecs-api-it-default}). A real kubelet runs real images, so the contract's scripted containers become
 * busybox commands here; this suite was written without a cluster at hand (see the README).
 */
class RealClusterIT extends TaskEngineContract {
    static final KubernetesSettings SETTINGS = new KubernetesSettings(Optional.empty(), Optional.empty(),
            "local-ecs-api-it-", Map.of(), false, Optional.empty(), Optional.empty(),
            KubernetesSettings.DEFAULT_NAT_IMAGE, Duration.ofMinutes(3));
    private static final RealCommands COMMANDS = new RealCommands("busybox:1.36",
            "registry.invalid/local-ecs-api/no-such-image:1");

    /** Fails at once, naming what is missing, when no kubeconfig says where the cluster is. */
    @BeforeAll
    static void requireKubeconfig() {
        String file = System.getenv().getOrDefault("KUBECONFIG", System.getProperty("user.home") + "/.kube/config");
        assertThat(Path.of(file.split(java.io.File.pathSeparator)[0]))
                .as("the Kubernetes suite needs a cluster: KUBECONFIG=… mvn verify -Pkubernetes").exists();
    }

    @Override
    protected TaskEngine engine(boolean restart) {
        return new KubernetesTaskEngine(new KubernetesClientBuilder().withConfig(Config.autoConfigure(null)).build(),
                SETTINGS, Clock.systemUTC());
    }

    @Override
    protected String container(String name, boolean essential, String script, String extra) {
        return COMMANDS.container(name, essential, script, extra);
    }

    @Test
    public void theClusterHasSchedulableNodes() {
        try (KubernetesTaskEngine engine = (KubernetesTaskEngine) engine(false)) {
            assertThat(engine.nodes()).isNotEmpty();
            assertThat(engine.host().cpus()).isPositive();
        }
    }
}
