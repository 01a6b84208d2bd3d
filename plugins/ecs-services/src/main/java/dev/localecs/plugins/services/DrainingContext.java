package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.AccountSettings;
import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.ConfigView;
import dev.localecs.api.ContainerInstances;
import dev.localecs.api.EcsArns;
import dev.localecs.api.EcsEvents;
import dev.localecs.api.ExecSessions;
import dev.localecs.api.ListenAddresses;
import dev.localecs.api.PluginContext;
import dev.localecs.api.ServiceCounts;
import dev.localecs.api.StsService;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskProtections;
import dev.localecs.api.TaskService;
import dev.localecs.api.compose.ComposeFiles;
import java.time.Clock;
import java.util.Map;

/**
 * The plugin context the scheduler gets: the runtime's, with a task service that drains a task from the
 * services' network before stopping it ({@link DrainingTaskService}).
 */
final class DrainingContext implements PluginContext {
    private final PluginContext context;
    private final TaskService tasks;

    private DrainingContext(PluginContext context, TaskService tasks) {
        this.context = context;
        this.tasks = tasks;
    }

    /** The scheduler's view of {@code context}. */
    static PluginContext of(PluginContext context) {
        return new DrainingContext(context, new DrainingTaskService(context.tasks(), ServiceNetworks.of(context)));
    }

    @Override
    public TaskService tasks() {
        return tasks;
    }

    @Override
    public EcsArns arns() {
        return context.arns();
    }

    @Override
    public ConfigView config() {
        return context.config();
    }

    @Override
    public Clock clock() {
        return context.clock();
    }

    @Override
    public ObjectMapper json() {
        return context.json();
    }

    @Override
    public TaskDefinitionRegistry taskDefinitions() {
        return context.taskDefinitions();
    }

    @Override
    public ClusterRegistry clusters() {
        return context.clusters();
    }

    @Override
    public TagRegistry tags() {
        return context.tags();
    }

    @Override
    public ComposeFiles composeFiles() {
        return context.composeFiles();
    }

    @Override
    public Map<String, String> environment() {
        return context.environment();
    }

    @Override
    public StsService sts() {
        return context.sts();
    }

    @Override
    public ServiceCounts services() {
        return context.services();
    }

    @Override
    public ListenAddresses listenAddresses() {
        return context.listenAddresses();
    }

    @Override
    public EcsEvents events() {
        return context.events();
    }

    @Override
    public ContainerInstances containerInstances() {
        return context.containerInstances();
    }

    @Override
    public CapacityProviderRegistry capacityProviders() {
        return context.capacityProviders();
    }

    @Override
    public TaskProtections taskProtections() {
        return context.taskProtections();
    }

    @Override
    public AccountSettings accountSettings() {
        return context.accountSettings();
    }

    @Override
    public ExecSessions execSessions() {
        return context.execSessions();
    }
}
