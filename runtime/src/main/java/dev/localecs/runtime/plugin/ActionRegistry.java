package dev.localecs.runtime.plugin;

import dev.localecs.api.ConfigView;
import dev.localecs.api.EcsAction;
import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.config.RuntimeConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * (service, operation) → the action that serves it; ECS operations are known by their bare names, those of
 * other AWS JSON services as {@code <target prefix>.<Operation>}. Two plugins offering the same operation are
 * refused unless {@code actions.<Operation>.plugin} (ECS) or {@code actions.<prefix>.<Operation>.plugin} names the
 * one to use. {@code actions.<Operation>.plugin: upstream} sends an ECS operation to the upstream endpoint even when
 * a plugin serves it (the per-operation upstream selection).
 */
public final class ActionRegistry {
    private static final Logger LOG = Logger.getLogger(ActionRegistry.class.getName());
    /** The {@code actions.<Operation>.plugin} value that sends an ECS operation upstream instead. */
    public static final String UPSTREAM = "upstream";

    private final Map<String, Registered<EcsAction>> actions;
    /** The target prefixes the actions serve (actions never change after the build). */
    private final Set<String> services;

    private ActionRegistry(Map<String, Registered<EcsAction>> actions) {
        this.actions = Map.copyOf(actions);
        this.services = actions.values().stream().map(a -> a.extension().service()).collect(Collectors.toSet());
    }

    /**
     * Builds the registry, logging each registration.
     *
     * @param offered every action extension with its plugin
     * @param config the configuration ({@code actions.<Operation>.plugin})
     * @return the registry
     * @throws ConfigurationException when two plugins offer one operation and configuration picks neither
     */
    public static ActionRegistry build(List<Registered<EcsAction>> offered, ConfigView config) {
        Map<String, List<Registered<EcsAction>>> byName = new TreeMap<>();
        for (Registered<EcsAction> action : offered) {
            byName.computeIfAbsent(key(action.extension().service(), action.extension().name()),
                    k -> new ArrayList<>()).add(action);
        }
        Map<String, Registered<EcsAction>> chosen = new LinkedHashMap<>();
        byName.forEach((name, candidates) -> {
            if (upstreamChosen(name, candidates, config)) {
                return;
            }
            Registered<EcsAction> pick = candidates.size() == 1 ? candidates.get(0) : choose(name, candidates, config);
            LOG.info("Registering action " + name + " from plugin " + pick.pluginId());
            candidates.stream().filter(c -> c != pick).forEach(c -> LOG.info("Action " + name + " of plugin "
                    + c.pluginId() + " is not used: actions." + name + ".plugin chooses " + pick.pluginId()));
            chosen.put(name, pick);
        });
        return new ActionRegistry(chosen);
    }

    /**
     * Whether configuration sends an operation upstream ({@code actions.<Operation>.plugin: upstream}); only ECS
     * operations have an upstream, so the value is refused for another service's operation.
     */
    private static boolean upstreamChosen(String name, List<Registered<EcsAction>> candidates, ConfigView config) {
        String key = "actions." + name + ".plugin";
        Optional<String> configured = config.get(key)
                .or(() -> config.get("actions." + name.toUpperCase(Locale.ROOT) + ".plugin"));
        if (configured.filter(UPSTREAM::equals).isEmpty()) {
            return false;
        }
        if (!candidates.get(0).extension().service().equals(EcsAction.ECS)) {
            throw new ConfigurationException(key + " is 'upstream', but only Amazon ECS operations go to an upstream "
                    + "endpoint; " + name + " belongs to " + candidates.get(0).extension().service() + ".");
        }
        LOG.info("Operation " + name + " goes to the upstream endpoint (" + key + " is upstream); not used: "
                + candidates.stream().map(Registered::pluginId).toList());
        return true;
    }

    private static Registered<EcsAction> choose(String name, List<Registered<EcsAction>> candidates,
                                                ConfigView config) {
        String key = "actions." + name + ".plugin";
        List<String> plugins = candidates.stream().map(Registered::pluginId).toList();
        Optional<String> configured = config.get(key)
                .or(() -> config.get("actions." + name.toUpperCase(Locale.ROOT) + ".plugin"));
        if (configured.isEmpty()) {
            throw new ConfigurationException("Action " + name + " is offered by several plugins " + plugins
                    + "; choose one with " + key + " (environment: "
                    + RuntimeConfig.environmentName("actions." + name + ".plugin") + ") or disable the others "
                    + "with plugins.disabled.");
        }
        return candidates.stream().filter(c -> c.pluginId().equals(configured.get())).findFirst()
                .orElseThrow(() -> new ConfigurationException(key + " names plugin '" + configured.get()
                        + "', which does not offer " + name + "; plugins offering it: " + plugins + "."));
    }

    /**
     * The action for an operation of a service.
     *
     * @param service the target prefix
     * @param operation the operation name
     * @return the action, or empty when no plugin serves it
     */
    public Optional<EcsAction> find(String service, String operation) {
        return Optional.ofNullable(actions.get(key(service, operation))).map(Registered::extension);
    }

    /**
     * Whether any action serves a service.
     *
     * @param service the target prefix
     * @return true for ECS (always served, locally or upstream) and for services with at least one action
     */
    public boolean serves(String service) {
        return service.equals(EcsAction.ECS) || services.contains(service);
    }

    private static String key(String service, String operation) {
        return service.equals(EcsAction.ECS) ? operation : service + "." + operation;
    }

    /**
     * Which plugin serves each operation.
     *
     * @return operation → plugin id, sorted
     */
    public Map<String, String> plugins() {
        Map<String, String> result = new TreeMap<>();
        actions.forEach((name, action) -> result.put(name, action.pluginId()));
        return result;
    }
}
