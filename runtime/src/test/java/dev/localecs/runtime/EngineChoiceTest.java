package dev.localecs.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.config.RuntimeConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** {@code tasks.engine}: the built-in engines, and no others without a provider on the class path. */
class EngineChoiceTest {
    private static RuntimeConfig config(String engine) {
        return RuntimeConfig.load(Optional.empty(), Map.of(), Map.of("tasks.engine", engine));
    }

    @Test
    void builtInEnginesAreChosenCaseInsensitively() {
        assertThat(RuntimeCore.chosenEngine(RuntimeConfig.load(Optional.empty(), Map.of(), Map.of())))
                .isEqualTo("docker");
        assertThat(RuntimeCore.chosenEngine(config(" Simulated "))).isEqualTo("simulated");
    }

    @Test
    void kubernetesNeedsTheEngineJar() {
        assertThatThrownBy(() -> RuntimeCore.chosenEngine(config("kubernetes")))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tasks.engine must be one of [docker, simulated], not 'kubernetes'.");
    }
}
