package dev.localecs.runtime.it;

import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.docker.DockerTaskEngine;
import dev.localecs.runtime.network.TaskNetworkSettings;
import dev.localecs.runtime.tasks.RealCommands;
import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskEngineContract;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The engine contract on the real Docker engine: the suite the simulated and Kubernetes engines run
 * ({@code SimulatedEngineContractTest}, {@code KubernetesEngineContractTest}), with the scripted containers as
 * busybox commands ({@link RealCommands}) on the locally built image, and an image no registry has behind a closed
 * loopback port. A restart of the runtime is a new engine adopting the containers still running. Each test removes
 * what its tasks left (containers, their project networks), and the task network when it made it.
 */
class DockerEngineContractIT extends TaskEngineContract {
    private static final RealCommands COMMANDS = new RealCommands(TestImages.BUSYBOX, "127.0.0.1:9/nowhere/app:1");
    private static final List<String> FAMILIES = List.of("contract", "placed");
    private boolean networkExisted;

    @BeforeAll
    static void images() {
        TestImages.ensure();
    }

    @BeforeEach
    void noteTheTaskNetwork() throws Exception {
        networkExisted = taskNetworkExists();
    }

    private static boolean taskNetworkExists() throws Exception {
        return !Docker.run("network", "ls", "-q", "--filter", "name=^" + TaskNetworkSettings.DEFAULT_NAME + "$")
                .isEmpty();
    }

    @Override
    protected TaskEngine engine(boolean restart) {
        RuntimeConfig config = RuntimeConfig.load(Optional.empty(), Map.of(), Map.of("endpoint.mode", "disabled"));
        return new DockerTaskEngine(DockerTaskEngine.Settings.from(config, TaskNetworkSettings.from(config)));
    }

    @Override
    protected String container(String name, boolean essential, String script, String extra) {
        return COMMANDS.container(name, essential, script, extra);
    }

    @Override
    protected void closePlatform() {
        try {
            for (String family : FAMILIES) {
                Docker.removeByLabel("com.amazonaws.ecs.task-definition-family=" + family);
                // the tasks' compose project networks (ecs-<family>-<task id>_default) carry no family label
                for (String network : Docker.run("network", "ls", "-q", "--filter", "name=ecs-" + family + "-")) {
                    Docker.run("network", "rm", network);
                }
            }
            if (!networkExisted && taskNetworkExists()) {
                Docker.run("network", "rm", TaskNetworkSettings.DEFAULT_NAME);
            }
        } catch (Exception e) {
            throw new IllegalStateException("the contract's containers or network could not be removed", e);
        }
    }
}
