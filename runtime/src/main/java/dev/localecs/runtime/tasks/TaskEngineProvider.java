package dev.localecs.runtime.tasks;

import dev.localecs.api.ConfigView;
import dev.localecs.runtime.network.TaskNetworkSettings;
import java.time.Clock;

/**
 * A task engine that is not built into the runtime (the Kubernetes engine is one), found with
 * {@link java.util.ServiceLoader} on the runtime's class path ({@code META-INF/services/} of a jar in the
 * distribution's {@code lib/}) and chosen by {@code tasks.engine}. The built-in names {@code docker} and
 * {@code simulated} cannot be taken.
 */
public interface TaskEngineProvider {

    /**
     * The {@code tasks.engine} value that selects this engine.
     *
     * @return the name, lower case (e.g. {@code kubernetes})
     */
    String name();

    /**
     * Creates the engine (called once, when the runtime starts with tasks).
     *
     * @param context the runtime's settings, clock and task network
     * @return the engine, which the task manager closes
     * @throws dev.localecs.api.error.ConfigurationException when the engine's settings are wrong
     */
    TaskEngine create(Context context);

    /**
     * What an engine is made from.
     *
     * @param config the runtime's configuration (the engine reads its own keys)
     * @param clock the clock
     * @param network the task network settings (subnet, endpoint mode)
     */
    record Context(ConfigView config, Clock clock, TaskNetworkSettings network) {
    }
}
