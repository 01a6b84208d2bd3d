package dev.localecs.runtime.plugin;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.PluginContext;
import dev.localecs.api.error.ConfigurationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.pf4j.DefaultPluginManager;
import org.pf4j.ExtensionFactory;
import org.pf4j.PluginFactory;
import org.pf4j.PluginRepository;
import org.pf4j.PluginState;
import org.pf4j.PluginStatusProvider;
import org.pf4j.PluginWrapper;
import org.pf4j.RuntimeMode;

/**
 * Loads PF4J plugins from the plugin folders — zips and jars in deployment mode, plugin module folders
 * (with {@code target/classes}) in development mode — and instantiates their extensions with the runtime's
 * context. A plugin that fails to load or start, or whose extension cannot be built, is recorded for
 * {@code /health} instead of stopping the runtime; an extension refusing the configuration
 * ({@link ConfigurationException}) stops the start with its message.
 */
public final class PluginHost implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(PluginHost.class.getName());

    private final Manager manager;
    private final Map<String, String> failures = new LinkedHashMap<>();
    private final Map<String, List<String>> registrations = new LinkedHashMap<>();

    /**
     * Creates the host; nothing is loaded until {@link #start()}.
     *
     * @param roots the plugin folders
     * @param development whether the folders hold plugin modules rather than zips/jars
     * @param disabled plugin ids not to load
     * @param context supplies the context handed to plugins and extensions
     */
    public PluginHost(List<Path> roots, boolean development, Set<String> disabled, Supplier<PluginContext> context) {
        requireNonNull(context, "context is null");
        this.manager = Manager.create(roots, development ? RuntimeMode.DEVELOPMENT : RuntimeMode.DEPLOYMENT,
                Set.copyOf(disabled), context);
    }

    /** Loads and starts every plugin. */
    public void start() {
        manager.loadPlugins();
        manager.startPlugins();
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() == PluginState.FAILED) {
                String error = String.valueOf(plugin.getFailedException());
                failures.put(plugin.getPluginId(), error);
                LOG.warning("Plugin " + plugin.getPluginId() + " failed to start: " + error);
            }
        }
    }

    /**
     * Builds every extension of a point from the started plugins.
     *
     * @param point the extension point
     * @param name names an extension for logs and {@code /health}
     * @param <T> the extension point
     * @return the extensions with their plugin ids, in plugin load order
     */
    public <T> List<Registered<T>> extensions(Class<T> point, Function<T, String> name) {
        List<Registered<T>> result = new ArrayList<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            String id = plugin.getPluginId();
            for (Class<? extends T> type : manager.getExtensionClasses(point, id)) {
                try {
                    T extension = manager.getExtensionFactory().create(type);
                    String label = point.getSimpleName() + ":" + name.apply(extension);
                    registrations.computeIfAbsent(id, k -> new ArrayList<>()).add(label);
                    result.add(new Registered<>(id, extension));
                } catch (RuntimeException e) {
                    if (e.getCause() instanceof ConfigurationException configuration) {
                        // the user's settings are wrong, not the plugin: refuse to start, naming the setting
                        throw configuration;
                    }
                    String error = type.getName() + ": " + e.getMessage();
                    failures.merge(id, error, (a, b) -> a + "; " + b);
                    LOG.log(Level.WARNING, "Plugin " + id + ": extension " + error, e);
                }
            }
        }
        return result;
    }

    /**
     * Every plugin found, with its state, registrations and failure.
     *
     * @return the plugin states for {@code /health}
     */
    public List<PluginStatus> status() {
        List<PluginStatus> result = new ArrayList<>();
        for (PluginWrapper plugin : manager.getPlugins()) {
            String id = plugin.getPluginId();
            String state = failures.containsKey(id) ? PluginState.FAILED.toString() : plugin.getPluginState().toString();
            result.add(new PluginStatus(id, Optional.of(plugin.getDescriptor().getVersion()), state,
                    List.copyOf(registrations.getOrDefault(id, List.of())), Optional.ofNullable(failures.get(id))));
        }
        manager.loadFailures.forEach((path, error) -> result.add(new PluginStatus(path, Optional.empty(),
                PluginState.FAILED.toString(), List.of(), Optional.of(error))));
        return result;
    }

    /**
     * Whether any plugin failed to load, start or build an extension.
     *
     * @return true when something failed
     */
    public boolean anyFailed() {
        return !failures.isEmpty() || !manager.loadFailures.isEmpty();
    }

    @Override
    public void close() {
        manager.stopPlugins();
        manager.unloadPlugins();
    }

    /** PF4J's manager with our factories, mode and disabled list (kept in memory, never written to disk). */
    private static final class Manager extends DefaultPluginManager {
        /** PF4J picks loaders and repositories by mode inside its constructor, before our fields are set. */
        private static final ThreadLocal<RuntimeMode> CONSTRUCTING = new ThreadLocal<>();
        private final Map<String, String> loadFailures = new LinkedHashMap<>();
        private final RuntimeMode mode;
        private Set<String> disabled;
        private final Supplier<PluginContext> context;

        private Manager(List<Path> roots, RuntimeMode mode, Set<String> disabled, Supplier<PluginContext> context) {
            super(roots);
            this.mode = mode;
            this.disabled = disabled;
            this.context = context;
        }

        static Manager create(List<Path> roots, RuntimeMode mode, Set<String> disabled,
                              Supplier<PluginContext> context) {
            CONSTRUCTING.set(mode);
            try {
                return new Manager(roots, mode, disabled, context);
            } finally {
                CONSTRUCTING.remove();
            }
        }

        @Override
        public RuntimeMode getRuntimeMode() {
            return mode == null ? CONSTRUCTING.get() : mode;
        }

        /** Only folders that are plugins: skips build and source folders beside plugin modules. */
        @Override
        protected PluginRepository createPluginRepository() {
            PluginRepository all = super.createPluginRepository();
            return new PluginRepository() {
                @Override
                public List<Path> getPluginPaths() {
                    return all.getPluginPaths().stream().filter(Manager::isPlugin).toList();
                }

                @Override
                public boolean deletePluginPath(Path pluginPath) {
                    return all.deletePluginPath(pluginPath);
                }
            };
        }

        private static boolean isPlugin(Path path) {
            return !Files.isDirectory(path) || Files.exists(path.resolve("plugin.properties"))
                    || Files.exists(path.resolve("META-INF/MANIFEST.MF"));
        }

        @Override
        protected PluginFactory createPluginFactory() {
            return new ContextFactories.Plugins(() -> context.get());
        }

        @Override
        protected ExtensionFactory createExtensionFactory() {
            return new ContextFactories.Extensions(() -> context.get());
        }

        @Override
        protected PluginStatusProvider createPluginStatusProvider() {
            return new PluginStatusProvider() {
                @Override
                public boolean isPluginDisabled(String pluginId) {
                    return disabled.contains(pluginId);
                }

                @Override
                public void disablePlugin(String pluginId) {
                    disabled = union(disabled, Set.of(pluginId));
                }

                @Override
                public void enablePlugin(String pluginId) {
                    disabled = disabled.stream().filter(id -> !id.equals(pluginId))
                            .collect(Collectors.toSet());
                }
            };
        }

        @Override
        protected PluginWrapper loadPluginFromPath(Path pluginPath) {
            try {
                return super.loadPluginFromPath(pluginPath);
            } catch (RuntimeException e) {
                if (!(e instanceof org.pf4j.PluginAlreadyLoadedException)) {
                    loadFailures.put(pluginPath.getFileName().toString(), String.valueOf(e.getMessage()));
                }
                throw e;
            }
        }

        private static Set<String> union(Collection<String> a, Collection<String> b) {
            Set<String> all = new HashSet<>(a);
            all.addAll(b);
            return all;
        }
    }
}
