package dev.localecs.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.localecs.api.AccountSettings;
import dev.localecs.api.AwsCredentials;
import dev.localecs.api.BoundRequest;
import dev.localecs.api.ConfigView;
import dev.localecs.api.EcsAction;
import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsJson;
import dev.localecs.api.PluginContext;
import dev.localecs.api.ListenAddresses;
import dev.localecs.api.EcsEvents;
import dev.localecs.api.ServiceCounts;
import dev.localecs.api.StsService;
import dev.localecs.api.TaskProtections;
import dev.localecs.api.compose.ComposeFiles;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A {@link PluginContext} for plugin unit tests: in-memory task definitions, clusters (with the implicit
 * {@code default}), tags (ECS's rules), tasks ({@link FakeTaskService}), container instances
 * ({@link FakeContainerInstances}), capacity providers, account settings and task protections, an STS that
 * records each AssumeRole and answers credentials named after the role, in-memory service counts and ECS
 * event bus (subscribe to {@link #events()} to see what a plugin publishes), a configuration and an
 * environment the test sets, ECS Exec sessions that are recorded ({@link FakeExecSessions}), the wire
 * JSON mapper and ARN builder of the runtime. {@link #call(EcsAction, String)} binds a request body exactly as
 * the runtime does, so an action is tested as clients reach it.
 */
public final class FakePluginContext implements PluginContext {
    private final Map<String, String> config = new LinkedHashMap<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final EcsArns arns;
    private final ObjectMapper json = EcsJson.create();
    private final InMemoryTaskDefinitions taskDefinitions;
    private final InMemoryClusters clusters;
    private final InMemoryTags tags = new InMemoryTags();
    private final FakeTaskService tasks;
    private final List<String> assumedRoles = new ArrayList<>();
    private final ServiceCounts services = ServiceCounts.inMemory();
    private final ListenAddresses listenAddresses = ListenAddresses.loopback();
    private final EcsEvents events = EcsEvents.inMemory();
    private final FakeContainerInstances containerInstances;
    private final InMemoryCapacityProviders capacityProviders;
    private final TaskProtections taskProtections;
    private final AccountSettings accountSettings = AccountSettings.inMemory();
    private final FakeExecSessions execSessions = new FakeExecSessions();
    private Clock clock = Clock.systemUTC();

    /** A context for region {@code us-east-1} and account {@code 000000000000}. */
    public FakePluginContext() {
        this(new EcsArns("us-east-1", "000000000000"));
    }

    /**
     * A context with given ARNs.
     *
     * @param arns the ARN builder (region, account)
     */
    public FakePluginContext(EcsArns arns) {
        this.arns = arns;
        this.taskDefinitions = new InMemoryTaskDefinitions();
        this.clusters = new InMemoryClusters(arns, json);
        this.tasks = new FakeTaskService(arns, json, () -> clock, tags);
        this.containerInstances = new FakeContainerInstances(arns, () -> clock, tasks::all);
        this.capacityProviders = new InMemoryCapacityProviders(arns);
        this.taskProtections = TaskProtections.inMemory(new CurrentClock());
    }

    /**
     * Sets a configuration key.
     *
     * @param key the key
     * @param value its value (lists comma-separated)
     * @return this context
     */
    public FakePluginContext config(String key, String value) {
        config.put(key, value);
        return this;
    }

    /**
     * Sets an environment variable the plugin sees.
     *
     * @param name the variable
     * @param value its value
     * @return this context
     */
    public FakePluginContext environment(String name, String value) {
        environment.put(name, value);
        return this;
    }

    /**
     * Replaces the clock.
     *
     * @param clock the clock
     * @return this context
     */
    public FakePluginContext clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Serves a request with an action, bound as the runtime binds it ({@code SerializationException} for
     * wrong types, {@code InvalidParameterException} for missing required members), and answers the response
     * as the JSON the client would read.
     *
     * @param action the action
     * @param body the request body
     * @return the response body
     * @throws EcsException the error the client would get
     */
    public JsonNode call(EcsAction action, String body) {
        Object result = handle(action, body);
        return json.valueToTree(result == null ? Map.of() : result);
    }

    /**
     * Serves a request with an action, bound as {@link #call} binds it, and answers what the action returned
     * (before serialisation), for tests that read the records an action builds.
     *
     * @param action the action
     * @param body the request body
     * @return the action's result
     * @throws EcsException the error the client would get
     */
    public Object handle(EcsAction action, String body) {
        JsonNode request;
        try {
            request = body.isBlank() ? json.createObjectNode() : json.readTree(body);
        } catch (IOException e) {
            throw new EcsException(ErrorCode.SERIALIZATION, "The request body is not valid JSON.", e);
        }
        return action.handle(new BoundRequest(action.name(), "test-request", request, json));
    }

    /**
     * The AssumeRole calls made through {@link #sts()}, as {@code <base access key> -> <role>}.
     *
     * @return the calls in order
     */
    public List<String> assumedRoles() {
        return List.copyOf(assumedRoles);
    }

    @Override
    public EcsArns arns() {
        return arns;
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
                return get(key).map(String::trim).map(Integer::parseInt).orElse(defaultValue);
            }

            @Override
            public List<String> list(String key) {
                return get(key).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                        .toList()).orElse(List.of());
            }
        };
    }

    @Override
    public Clock clock() {
        return clock;
    }

    @Override
    public ObjectMapper json() {
        return json;
    }

    @Override
    public InMemoryTaskDefinitions taskDefinitions() {
        return taskDefinitions;
    }

    @Override
    public InMemoryClusters clusters() {
        return clusters;
    }

    @Override
    public InMemoryTags tags() {
        return tags;
    }

    @Override
    public ComposeFiles composeFiles() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        return new ComposeFiles() {
            @Override
            public ComposeProject read(Path file) {
                try {
                    return parse(Files.readString(file), file.toString());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }

            @Override
            public ComposeProject parse(String text, String origin) {
                try {
                    return yaml.readValue(text, ComposeProject.class);
                } catch (IOException e) {
                    throw EcsException.client("Compose file " + origin + " cannot be read: " + e.getMessage());
                }
            }
        };
    }

    @Override
    public FakeTaskService tasks() {
        return tasks;
    }

    @Override
    public Map<String, String> environment() {
        return Map.copyOf(environment);
    }

    @Override
    public ServiceCounts services() {
        return services;
    }

    @Override
    public EcsEvents events() {
        return events;
    }

    @Override
    public FakeExecSessions execSessions() {
        return execSessions;
    }

    @Override
    public StsService sts() {
        return (base, roleArn, session) -> {
            synchronized (assumedRoles) {
                assumedRoles.add(base.accessKeyId() + "->" + roleArn);
            }
            return new AwsCredentials("ASIA" + roleArn.replaceAll(".*/", "").toUpperCase(Locale.ROOT),
                    "secret-of-" + roleArn, Optional.of("token-of-" + session),
                    Optional.of(clock.instant().plus(Duration.ofHours(1))));
        };
    }

    /** Loopback addresses ({@link ListenAddresses#loopback()}). */
    @Override
    public ListenAddresses listenAddresses() {
        return listenAddresses;
    }

    @Override
    public FakeContainerInstances containerInstances() {
        return containerInstances;
    }

    @Override
    public InMemoryCapacityProviders capacityProviders() {
        return capacityProviders;
    }

    @Override
    public TaskProtections taskProtections() {
        return taskProtections;
    }

    @Override
    public AccountSettings accountSettings() {
        return accountSettings;
    }

    /** The clock the test set last ({@link #clock(Clock)}), for services created before it is set. */
    private final class CurrentClock extends Clock {
        @Override
        public ZoneId getZone() {
            return clock.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return clock.withZone(zone);
        }

        @Override
        public Instant instant() {
            return clock.instant();
        }
    }
}
