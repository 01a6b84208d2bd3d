package dev.localecs.plugins.clusters;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.ConfigView;
import dev.localecs.api.EcsArns;
import dev.localecs.api.ExecResult;
import dev.localecs.api.PluginContext;
import dev.localecs.api.RunTaskSpec;
import dev.localecs.api.ServiceCounts;
import dev.localecs.api.StsService;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskService;
import dev.localecs.api.compose.ComposeFiles;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterSetting;
import dev.localecs.api.model.Tag;
import dev.localecs.api.model.Task;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A plugin context with in-memory clusters, tags, tasks (a fixed list) and service reports; services the
 * cluster actions never use fail loudly.
 */
final class FakeContext implements PluginContext {
    static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final Map<String, Cluster> clusters = new TreeMap<>();
    private final Map<String, List<Tag>> tags = new HashMap<>();
    private final Map<String, String[]> services = new LinkedHashMap<>();
    final List<Task> tasks = new ArrayList<>();

    /** Adds a task of the {@code default} cluster. */
    void task(String launchType, String lastStatus, String desiredStatus) {
        tasks.add(JSON.convertValue(Map.of("clusterArn", arns().cluster("default"), "launchType", launchType,
                "lastStatus", lastStatus, "desiredStatus", desiredStatus), Task.class));
    }

    /** Runs an action on a JSON body, bound as the runtime binds it (without its type checks). */
    Object call(dev.localecs.api.EcsAction action, String body) {
        try {
            JsonNode node = JSON.readTree(body);
            return action.handle(new ActionRequest() {
                @Override
                public String operation() {
                    return action.name();
                }

                @Override
                public String requestId() {
                    return "test";
                }

                @Override
                public JsonNode body() {
                    return node;
                }

                @Override
                public <T> T bind(Class<T> type) {
                    return JSON.convertValue(node, type);
                }
            });
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public EcsArns arns() {
        return new EcsArns("us-east-1", "000000000000");
    }

    @Override
    public ConfigView config() {
        throw new UnsupportedOperationException("config");
    }

    @Override
    public Clock clock() {
        return Clock.systemUTC();
    }

    @Override
    public ObjectMapper json() {
        return JSON;
    }

    @Override
    public TaskDefinitionRegistry taskDefinitions() {
        throw new UnsupportedOperationException("taskDefinitions");
    }

    @Override
    public ClusterRegistry clusters() {
        return new ClusterRegistry() {
            @Override
            public Optional<Cluster> find(String name) {
                Cluster stored = clusters.get(name);
                if (stored == null && DEFAULT_CLUSTER.equals(name)) {
                    return Optional.of(new Cluster(arns().cluster(name), name, null, "ACTIVE", 0, 0, 0, 0, null,
                            null, List.of(new ClusterSetting("containerInsights", "disabled")), List.of(), List.of(),
                            List.of(), null, null));
                }
                return Optional.ofNullable(stored);
            }

            @Override
            public Cluster put(Cluster cluster) {
                clusters.put(cluster.clusterName(), cluster);
                return cluster;
            }

            @Override
            public List<Cluster> list() {
                return List.copyOf(clusters.values());
            }
        };
    }

    @Override
    public TagRegistry tags() {
        return new TagRegistry() {
            @Override
            public List<Tag> tags(String arn) {
                return tags.getOrDefault(arn, List.of());
            }

            @Override
            public void validate(Collection<Tag> given) {
            }

            @Override
            public void tag(String arn, Collection<Tag> given) {
                tags.computeIfAbsent(arn, key -> new ArrayList<>()).addAll(given);
            }

            @Override
            public void untag(String arn, Collection<String> keys) {
                tags.getOrDefault(arn, new ArrayList<>()).removeIf(tag -> keys.contains(tag.key()));
            }

            @Override
            public void remove(String arn) {
                tags.remove(arn);
            }
        };
    }

    @Override
    public ComposeFiles composeFiles() {
        throw new UnsupportedOperationException("composeFiles");
    }

    @Override
    public TaskService tasks() {
        return new TaskService() {
            @Override
            public Task run(RunTaskSpec spec) {
                throw new UnsupportedOperationException("run");
            }

            @Override
            public Optional<Task> find(String cluster, String taskId) {
                return Optional.empty();
            }

            @Override
            public List<Task> list(TaskFilter filter) {
                return tasks.stream().filter(t -> t.clusterArn().equals(arns().cluster(filter.cluster())))
                        .filter(t -> t.desiredStatus().equals(filter.desiredStatus())).toList();
            }

            @Override
            public Optional<Task> stop(String cluster, String taskId, Optional<String> reason) {
                throw new UnsupportedOperationException("stop");
            }

            @Override
            public int count(String cluster, String lastStatus) {
                return (int) tasks.stream().filter(t -> t.clusterArn().equals(arns().cluster(cluster)))
                        .filter(t -> t.lastStatus().equals(lastStatus)).count();
            }

            @Override
            public Optional<ExecResult> exec(String cluster, String taskId, String container, List<String> command) {
                throw new UnsupportedOperationException("exec");
            }
        };
    }

    @Override
    public Map<String, String> environment() {
        return Map.of();
    }

    @Override
    public StsService sts() {
        throw new UnsupportedOperationException("sts");
    }

    @Override
    public ServiceCounts services() {
        return new ServiceCounts() {
            @Override
            public void report(String serviceArn, String cluster, String launchType, String status) {
                services.put(serviceArn, new String[] {cluster, launchType, status});
            }

            @Override
            public void forget(String serviceArn) {
                services.remove(serviceArn);
            }

            @Override
            public int count(String cluster, String launchType, String status) {
                return (int) services.values().stream().filter(s -> s[0].equals(cluster) && s[1].equals(launchType)
                        && s[2].equals(status)).count();
            }
        };
    }
}
