package dev.localecs.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.localecs.api.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RuntimeConfigTest {
    @TempDir
    Path dir;

    private static RuntimeConfig load(Map<String, String> env) {
        return RuntimeConfig.load(Optional.empty(), env, Map.of());
    }

    @Test
    void defaultsComeFromApplicationYaml() {
        RuntimeConfig config = load(Map.of());
        assertThat(config.getInt("server.port", 0)).isEqualTo(8000);
        assertThat(config.get("server.host")).hasValue("127.0.0.1");
        assertThat(config.get("compose.dest")).hasValue("/tmp");
        assertThat(config.get("aws.region")).hasValue("us-east-1");
        assertThat(config.get("aws.account-id")).hasValue("000000000000");
        assertThat(config.get("upstream.ecs.endpoint")).as("blank means unset").isEmpty();
        assertThat(config.list("plugins.disabled")).isEmpty();
    }

    @Test
    void everyKeyIsSetByItsUpperCaseUnderscoreVariable() {
        RuntimeConfig config = load(Map.of("SERVER_PORT", "9001", "STATE_DIR", "/var/state",
                "AWS_ACCOUNT_ID", "123456789012", "UPSTREAM_ECS_TIMEOUT_SECONDS", "3", "PLUGINS_DISABLED", "a, b"));
        assertThat(config.getInt("server.port", 0)).isEqualTo(9001);
        assertThat(config.get("state.dir")).hasValue("/var/state");
        assertThat(config.get("aws.account-id")).as("dash becomes underscore").hasValue("123456789012");
        assertThat(config.getInt("upstream.ecs.timeout-seconds", 0)).isEqualTo(3);
        assertThat(config.list("plugins.disabled")).containsExactly("a", "b");
    }

    @Test
    void seedVariablesAreAliasesBelowTheCanonicalNames() {
        RuntimeConfig seed = load(Map.of("ECS_ENDPOINT_URL", "http://127.0.0.1:5000", "COMPOSE_DEST", "/srv/compose",
                "AWS_DEFAULT_REGION", "eu-west-1", "AWS_REGION", "ap-south-1"));
        assertThat(seed.get("upstream.ecs.endpoint")).hasValue("http://127.0.0.1:5000");
        assertThat(seed.get("compose.dest")).hasValue("/srv/compose");
        assertThat(seed.get("aws.region")).as("AWS_REGION wins, as in the AWS SDKs").hasValue("ap-south-1");
        assertThat(load(Map.of("AWS_DEFAULT_REGION", "eu-west-1")).get("aws.region")).hasValue("eu-west-1");

        RuntimeConfig both = load(Map.of("ECS_ENDPOINT_URL", "http://alias", "UPSTREAM_ECS_ENDPOINT", "http://canonical"));
        assertThat(both.get("upstream.ecs.endpoint")).hasValue("http://canonical");
    }

    @Test
    void actionPluginChoiceComesFromTheEnvironmentToo() {
        RuntimeConfig config = load(Map.of("ACTIONS_RUNTASK_PLUGIN", "team"));
        assertThat(config.get("actions.RUNTASK.plugin")).hasValue("team");
    }

    @Test
    void userFileOverridesDefaultsEnvironmentOverridesFileAndOverridesWinOverAll() throws Exception {
        Path file = Files.writeString(dir.resolve("app.yaml"), """
                server:
                  port: 7000
                  host: 0.0.0.0
                plugins:
                  disabled: [x, y]
                """);
        RuntimeConfig fileOnly = RuntimeConfig.load(Optional.of(file), Map.of(), Map.of());
        assertThat(fileOnly.getInt("server.port", 0)).isEqualTo(7000);
        assertThat(fileOnly.get("aws.region")).as("defaults still apply").hasValue("us-east-1");
        assertThat(fileOnly.list("plugins.disabled")).containsExactly("x", "y");

        RuntimeConfig env = RuntimeConfig.load(Optional.of(file), Map.of("SERVER_PORT", "7100"), Map.of());
        assertThat(env.getInt("server.port", 0)).isEqualTo(7100);
        assertThat(env.get("server.host")).hasValue("0.0.0.0");

        RuntimeConfig override = RuntimeConfig.load(Optional.of(file), Map.of("SERVER_PORT", "7100"),
                Map.of("server.port", "0"));
        assertThat(override.getInt("server.port", -1)).isZero();
    }

    @Test
    void badValuesAndMissingFilesNameTheSetting() {
        RuntimeConfig config = load(Map.of("SERVER_PORT", "eighty"));
        assertThatThrownBy(() -> config.getInt("server.port", 0)).isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("server.port").hasMessageContaining("SERVER_PORT").hasMessageContaining("eighty");
        assertThatThrownBy(() -> RuntimeConfig.load(Optional.of(dir.resolve("none.yaml")), Map.of(), Map.of()))
                .isInstanceOf(ConfigurationException.class).hasMessageContaining("none.yaml");
    }

    @Test
    void environmentNameRule() {
        assertThat(RuntimeConfig.environmentName("tasks.pause-image")).isEqualTo("TASKS_PAUSE_IMAGE");
        assertThat(RuntimeConfig.environmentName("server.port")).isEqualTo("SERVER_PORT");
    }
}
