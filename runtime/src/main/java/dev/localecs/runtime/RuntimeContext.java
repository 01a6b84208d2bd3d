package dev.localecs.runtime;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.AccountSettings;
import dev.localecs.api.CapacityProviderRegistry;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.ContainerInstances;
import dev.localecs.api.ConfigView;
import dev.localecs.api.EcsArns;
import dev.localecs.api.ListenAddresses;
import dev.localecs.api.EcsEvents;
import dev.localecs.api.PluginContext;
import dev.localecs.api.ServiceCounts;
import dev.localecs.api.StsService;
import dev.localecs.api.TagRegistry;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskProtections;
import dev.localecs.api.TaskService;
import dev.localecs.api.compose.ComposeFiles;
import dev.localecs.runtime.exec.ExecSessionRegistry;
import java.time.Clock;
import java.util.Map;

/**
 * The runtime's {@link PluginContext}: the services handed to every plugin.
 *
 * @param arns the ARN builder
 * @param config the configuration
 * @param clock the clock
 * @param json the wire mapper
 * @param taskDefinitions the task-definition registry
 * @param clusters the cluster registry
 * @param tags the tag registry
 * @param composeFiles the strict compose reader
 * @param tasks the task service
 * @param environment the process environment
 * @param sts STS at the configured endpoint
 * @param services the service counts the services plugin reports
 * @param listenAddresses host addresses tasks reach, for plugins' listeners
 * @param events the bus of ECS events for EventBridge
 * @param containerInstances the local engine as each cluster's container instance
 * @param capacityProviders the capacity providers
 * @param taskProtections task scale-in protection
 * @param accountSettings the account settings
 * @param execSessions ECS Exec's sessions
 */
record RuntimeContext(EcsArns arns, ConfigView config, Clock clock, ObjectMapper json,
                      TaskDefinitionRegistry taskDefinitions, ClusterRegistry clusters, TagRegistry tags,
                      ComposeFiles composeFiles, TaskService tasks, Map<String, String> environment,
                      StsService sts, ServiceCounts services, ListenAddresses listenAddresses,
                      EcsEvents events, ContainerInstances containerInstances,
                      CapacityProviderRegistry capacityProviders, TaskProtections taskProtections,
                      AccountSettings accountSettings, ExecSessionRegistry execSessions)
        implements PluginContext {

    RuntimeContext {
        requireNonNull(arns, "arns is null");
        requireNonNull(config, "config is null");
        requireNonNull(clock, "clock is null");
        requireNonNull(json, "json is null");
        requireNonNull(taskDefinitions, "taskDefinitions is null");
        requireNonNull(clusters, "clusters is null");
        requireNonNull(tags, "tags is null");
        requireNonNull(composeFiles, "composeFiles is null");
        requireNonNull(tasks, "tasks is null");
        environment = Map.copyOf(environment);
        requireNonNull(sts, "sts is null");
        requireNonNull(services, "services is null");
        requireNonNull(listenAddresses, "listenAddresses is null");
        requireNonNull(events, "events is null");
        requireNonNull(containerInstances, "containerInstances is null");
        requireNonNull(capacityProviders, "capacityProviders is null");
        requireNonNull(taskProtections, "taskProtections is null");
        requireNonNull(accountSettings, "accountSettings is null");
        requireNonNull(execSessions, "execSessions is null");
    }
}
