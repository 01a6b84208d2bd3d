package dev.localecs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.config.RuntimeConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** With the engine's jar on the class path, {@code tasks.engine: kubernetes} is a choice the runtime offers. */
class KubernetesEngineChoiceTest {
    private static RuntimeConfig config(String engine) {
        return RuntimeConfig.load(Optional.empty(), Map.of(), Map.of("tasks.engine", engine));
    }

    @Test
    void theProvidedEngineIsChosenByItsName() {
        assertThat(RuntimeCore.chosenEngine(config("Kubernetes"))).isEqualTo("kubernetes");
        assertThat(RuntimeCore.chosenEngine(config("simulated"))).isEqualTo("simulated");
    }

    @Test
    void anUnknownEngineNamesEveryChoice() {
        assertThatThrownBy(() -> RuntimeCore.chosenEngine(config("nomad"))).isInstanceOf(ConfigurationException.class)
                .hasMessage("tasks.engine must be one of [docker, simulated, kubernetes], not 'nomad'.");
    }
}
