package dev.localecs.runtime.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.config.RuntimeConfig;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UiSettingsTest {
    private static ConfigView config(Map<String, String> values) {
        return RuntimeConfig.load(Optional.empty(), Map.of(), values);
    }

    @Test
    void actionsDefaultToOnForLoopbackOnlyAndFollowAnExplicitSetting() {
        assertThat(UiSettings.from(config(Map.of())).actions()).isTrue();
        assertThat(UiSettings.from(config(Map.of("server.host", "127.0.0.1"))).actions()).isTrue();
        assertThat(UiSettings.from(config(Map.of("server.host", "0.0.0.0"))).actions()).isFalse();
        assertThat(UiSettings.from(config(Map.of("server.host", "0.0.0.0", "ui.actions", "true"))).actions()).isTrue();
        assertThat(UiSettings.from(config(Map.of("ui.actions", "false"))).actions()).isFalse();
        assertThat(UiSettings.from(config(Map.of("ui.enabled", "false"))).enabled()).isFalse();
    }

    @Test
    void aWrongValueIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> UiSettings.from(config(Map.of("ui.actions", "yes"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ui.actions");
        assertThatThrownBy(() -> UiSettings.from(config(Map.of("ui.enabled", "maybe"))))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("ui.enabled");
    }
}
