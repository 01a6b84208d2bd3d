package dev.localecs.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.compose.ComposeFiles;
import java.time.Clock;
import java.util.Map;

/**
 * What the runtime hands to plugins: its services and settings. Plugins never see runtime internals,
 * Docker or AWS SDK types; they see this.
 */
public interface PluginContext {

    /**
     * Region and account the emulator presents, with ARN builders.
     *
     * @return the ARN builder
     */
    EcsArns arns();

    /**
     * The runtime's configuration.
     *
     * @return the configuration view
     */
    ConfigView config();

    /**
     * The clock every timestamp comes from.
     *
     * @return the clock
     */
    Clock clock();

    /**
     * The JSON mapper configured for the ECS wire form (epoch-second timestamps, absent nulls).
     *
     * @return the mapper; do not reconfigure it
     */
    ObjectMapper json();

    /**
     * The task-definition registry (embedded store, upstream fallback).
     *
     * @return the registry
     */
    TaskDefinitionRegistry taskDefinitions();

    /**
     * The cluster registry.
     *
     * @return the registry
     */
    ClusterRegistry clusters();

    /**
     * Tags of every taggable resource, by ARN.
     *
     * @return the tag registry
     */
    TagRegistry tags();

    /**
     * Strict compose YAML reading, for plugins that take user compose files.
     *
     * @return the compose reader
     */
    ComposeFiles composeFiles();

    /**
     * Tasks on the local engine.
     *
     * @return the task service
     */
    TaskService tasks();

    /**
     * The process environment the runtime was started with (credential strategies read it).
     *
     * @return the environment variables
     */
    Map<String, String> environment();

    /**
     * STS at the configured endpoint.
     *
     * @return the STS service
     */
    StsService sts();

    /**
     * How many services each cluster has, as the plugin that owns services reports them.
     *
     * @return the service counts
     */
    ServiceCounts services();

    /**
     * Addresses of the runtime's host that task containers reach, one per key, for listeners a plugin runs for
     * tasks (Service Connect proxies).
     *
     * @return the address allocator of the engine in use
     */
    ListenAddresses listenAddresses();

    /**
     * The bus of ECS events meant for EventBridge (service actions, deployment state changes): the services
     * plugin publishes, the EventBridge plugin subscribes.
     *
     * @return the event bus
     */
    EcsEvents events();

    /**
     * The local engine as the container instance of every cluster, with placement.
     *
     * @return the container instances
     */
    ContainerInstances containerInstances();

    /**
     * Capacity providers (built in and created).
     *
     * @return the registry
     */
    CapacityProviderRegistry capacityProviders();

    /**
     * Task scale-in protection, which schedulers honour.
     *
     * @return the protections
     */
    TaskProtections taskProtections();

    /**
     * Account settings per principal (the account default is the root principal's).
     *
     * @return the settings
     */
    AccountSettings accountSettings();

    /**
     * ECS Exec: sessions of the Session Manager data channel the runtime serves.
     *
     * @return the exec sessions
     */
    ExecSessions execSessions();
}
