package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.config.RuntimeConfig;
import dev.localecs.runtime.tasks.TaskSettings;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AwsvpcHostPortsTest {
    private static AwsvpcHostPorts read(String value) {
        return TaskSettings.choice(RuntimeConfig.load(Optional.empty(), Map.of(),
                Map.of("tasks.awsvpc-host-ports", value)), "tasks.awsvpc-host-ports", "if-free", AwsvpcHostPorts.class);
    }

    @Test
    void readsTheConfigurationNames() {
        assertThat(read("if-free")).isEqualTo(AwsvpcHostPorts.IF_FREE);
        assertThat(read(" Never ")).isEqualTo(AwsvpcHostPorts.NEVER);
        assertThat(read("ALWAYS")).isEqualTo(AwsvpcHostPorts.ALWAYS);
        assertThat(TaskSettings.choice(RuntimeConfig.load(Optional.empty(), Map.of(), Map.of()),
                "tasks.awsvpc-host-ports", "if-free", AwsvpcHostPorts.class)).isEqualTo(AwsvpcHostPorts.IF_FREE);
    }

    @Test
    void refusesOtherValuesNamingTheSettingAndTheChoices() {
        assertThatThrownBy(() -> read("if_free"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tasks.awsvpc-host-ports must be one of [if-free, never, always], not 'if_free'.");
    }
}
