package dev.localecs.plugins.credentials;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.ConfigView;
import dev.localecs.api.EcsArns;
import dev.localecs.api.PluginContext;
import dev.localecs.api.StsService;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskService;
import dev.localecs.api.compose.ComposeFiles;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A plugin context with a configuration map and an environment; the services strategies never use fail loudly. */
final class FakeContext implements PluginContext {
    private final Map<String, String> config;
    private final Map<String, String> environment;
    /** AssumeRole calls made through {@link #sts()}: base access key → role. */
    final List<String> assumed = new ArrayList<>();

    FakeContext(Map<String, String> config, Map<String, String> environment) {
        this.config = config;
        this.environment = environment;
    }

    /** Records AssumeRole calls and answers with credentials named after the role. */
    @Override
    public StsService sts() {
        return (base, roleArn, session) -> {
            assumed.add(base.accessKeyId() + "->" + roleArn);
            return new AwsCredentials("ASIA" + roleArn.replaceAll(".*/", "").toUpperCase(), "s",
                    Optional.of("t"), Optional.of(Instant.now().plusSeconds(3600)));
        };
    }

    @Override
    public ConfigView config() {
        return new ConfigView() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(config.get(key)).filter(v -> !v.isBlank());
            }

            @Override
            public int getInt(String key, int defaultValue) {
                return get(key).map(Integer::parseInt).orElse(defaultValue);
            }

            @Override
            public List<String> list(String key) {
                return get(key).map(v -> Arrays.asList(v.split(","))).orElse(List.of());
            }
        };
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    private static AssertionError unused() {
        return new AssertionError("credential strategies do not use this service");
    }

    @Override
    public EcsArns arns() {
        throw unused();
    }

    @Override
    public Clock clock() {
        throw unused();
    }

    @Override
    public ObjectMapper json() {
        throw unused();
    }

    @Override
    public TaskDefinitionRegistry taskDefinitions() {
        throw unused();
    }

    @Override
    public ClusterRegistry clusters() {
        throw unused();
    }

    @Override
    public TagRegistry tags() {
        throw unused();
    }

    @Override
    public ComposeFiles composeFiles() {
        throw unused();
    }

    @Override
    public TaskService tasks() {
        throw unused();
    }
}
