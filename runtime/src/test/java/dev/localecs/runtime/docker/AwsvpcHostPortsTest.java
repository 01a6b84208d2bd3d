package dev.localecs.runtime.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import org.junit.jupiter.api.Test;

class AwsvpcHostPortsTest {
    @Test
    void readsTheConfigurationNames() {
        assertThat(AwsvpcHostPorts.parse("if-free")).isEqualTo(AwsvpcHostPorts.IF_FREE);
        assertThat(AwsvpcHostPorts.parse(" Never ")).isEqualTo(AwsvpcHostPorts.NEVER);
        assertThat(AwsvpcHostPorts.parse("ALWAYS")).isEqualTo(AwsvpcHostPorts.ALWAYS);
    }

    @Test
    void refusesOtherValuesNamingTheSettingAndTheChoices() {
        assertThatThrownBy(() -> AwsvpcHostPorts.parse("if_free"))
                .isInstanceOf(ConfigurationException.class)
                .hasMessage("tasks.awsvpc-host-ports must be if-free, never, always, not 'if_free'.");
    }
}
