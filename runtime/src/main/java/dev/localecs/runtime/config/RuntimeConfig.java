package dev.localecs.runtime.config;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.spi.ConfigSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The runtime's configuration: Helidon Config over, from highest priority to lowest, explicit overrides
 * (tests, command line), environment variables, the user's YAML file and the built-in defaults
 * ({@code config/application.yaml}, also on the class path).
 *
 * <p>Environment mapping: every key of the defaults (or the user file) can be set by the variable named by
 * upper-casing it and turning {@code .} and {@code -} into {@code _} ({@code tasks.pause-image} ←
 * {@code TASKS_PAUSE_IMAGE}); {@code ACTIONS_<OP>_PLUGIN} sets {@code actions.<OP>.plugin}; the seed's
 * variable names ({@link #ALIASES}) are accepted too, below the canonical names (first alias wins).
 */
public final class RuntimeConfig implements ConfigView {
    /**
     * Seed variable → configuration key, for keys whose features exist. ({@code AWS_REGION} is the canonical
     * name of {@code aws.region} and wins over {@code AWS_DEFAULT_REGION}, as in the AWS SDKs.)
     */
    public static final List<Map.Entry<String, String>> ALIASES = List.of(
            Map.entry("ECS_ENDPOINT_URL", "upstream.ecs.endpoint"),
            Map.entry("COMPOSE_DEST", "compose.dest"),
            Map.entry("AWS_DEFAULT_REGION", "aws.region"),
            Map.entry("DOCKER_HOST", "docker.host"),
            Map.entry("ECS_NETWORK_NAME", "network.name"),
            Map.entry("ECS_EXTERNAL_NETWORKS", "network.external"),
            Map.entry("STS_ENDPOINT", "upstream.sts.endpoint"),
            Map.entry("SSM_ENDPOINT_URL", "upstream.ssm.endpoint"),
            Map.entry("SECRET_MANAGER_ENDPOINT_URL", "upstream.secretsmanager.endpoint"),
            Map.entry("S3_ENDPOINT_URL", "upstream.s3.endpoint"),
            Map.entry("ECR_ENDPOINT_URL", "upstream.ecr.endpoint"),
            Map.entry("IAM_ENDPOINT", "upstream.iam.endpoint"),
            Map.entry("EVENTS_ENDPOINT_URL", "upstream.events.endpoint"),
            Map.entry("LOGS_ENDPOINT_URL", "upstream.logs.endpoint"),
            Map.entry("ECS_ENDPOINT_AWS_CREDS_HOST_PATH", "credentials.mounted.path"),
            Map.entry("ECS_AWS_CREDS_VOLUME_NAME", "credentials.mounted.volume"));
    private static final Pattern ACTION_PLUGIN = Pattern.compile("ACTIONS_([A-Za-z0-9]+)_PLUGIN");
    private static final String DEFAULTS = "application.yaml";

    private final Config config;

    private RuntimeConfig(Config config) {
        this.config = config;
    }

    /**
     * Loads the configuration.
     *
     * @param userFile the user's YAML file, if any (missing files are an error)
     * @param environment the environment variables
     * @param overrides explicit key → value overrides, highest priority
     * @return the configuration
     */
    public static RuntimeConfig load(Optional<Path> userFile, Map<String, String> environment,
                                     Map<String, String> overrides) {
        requireNonNull(userFile, "userFile is null");
        requireNonNull(environment, "environment is null");
        requireNonNull(overrides, "overrides is null");
        List<ConfigSource> files = new ArrayList<>();
        if (userFile.isPresent()) {
            if (!Files.isRegularFile(userFile.get())) {
                throw new ConfigurationException("Configuration file " + userFile.get() + " does not exist.");
            }
            files.add(ConfigSources.file(userFile.get()).build());
        }
        files.add(ConfigSources.classpath(DEFAULTS).build());
        Config base = build(files);
        List<ConfigSource> all = new ArrayList<>();
        all.add(ConfigSources.create(overrides).build());
        all.add(ConfigSources.create(fromEnvironment(base, environment)).build());
        all.addAll(files);
        return new RuntimeConfig(build(all));
    }

    private static Config build(List<ConfigSource> sources) {
        Config.Builder builder = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .disableValueResolving()
                .disableKeyResolving();
        sources.forEach(builder::addSource);
        return builder.build();
    }

    static Map<String, String> fromEnvironment(Config base, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        for (Map.Entry<String, String> alias : ALIASES) {
            String value = environment.get(alias.getKey());
            if (value != null && !values.containsKey(alias.getValue())) {
                values.put(alias.getValue(), value);
            }
        }
        base.traverse()
                .filter(node -> node.isLeaf() || node.type() == Config.Type.LIST)
                .map(node -> node.key().toString())
                .forEach(key -> {
                    String value = environment.get(environmentName(key));
                    if (value != null) {
                        values.put(key, value);
                    }
                });
        environment.forEach((variable, value) -> {
            Matcher matcher = ACTION_PLUGIN.matcher(variable);
            if (matcher.matches()) {
                values.put("actions." + matcher.group(1) + ".plugin", value);
            }
        });
        return values;
    }

    /**
     * The environment variable that sets a key.
     *
     * @param key e.g. {@code tasks.pause-image}
     * @return e.g. {@code TASKS_PAUSE_IMAGE}
     */
    public static String environmentName(String key) {
        return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    @Override
    public Optional<String> get(String key) {
        return config.get(key).asString().asOptional().filter(value -> !value.isBlank());
    }

    @Override
    public int getInt(String key, int defaultValue) {
        Optional<String> value = get(key);
        if (value.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(value.get().trim());
        } catch (NumberFormatException e) {
            throw new ConfigurationException("Configuration key " + key + " (" + environmentName(key)
                    + ") must be an integer, not '" + value.get() + "'.");
        }
    }

    @Override
    public List<String> list(String key) {
        Config node = config.get(key);
        Optional<String> text = node.asString().asOptional();
        if (text.isPresent()) {
            return Arrays.stream(text.get().split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        }
        return node.asList(String.class).orElse(List.of()).stream()
                .map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
