package dev.localecs.runtime.plugin;

import dev.localecs.api.PluginContext;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.util.function.Supplier;
import org.pf4j.DefaultPluginFactory;
import org.pf4j.ExtensionFactory;
import org.pf4j.Plugin;
import org.pf4j.PluginRuntimeException;
import org.pf4j.PluginWrapper;

/**
 * PF4J factories that hand the runtime's {@link PluginContext} to plugin and extension classes declaring a
 * public constructor that takes it; others are built with their no-argument constructor.
 */
final class ContextFactories {
    private ContextFactories() {
    }

    /** Builds plugin classes, passing the context where a constructor takes it. */
    static final class Plugins extends DefaultPluginFactory {
        private final Supplier<PluginContext> context;

        Plugins(Supplier<PluginContext> context) {
            this.context = context;
        }

        @Override
        protected Plugin createInstance(Class<?> pluginClass, PluginWrapper wrapper) {
            try {
                Constructor<?> constructor = pluginClass.getConstructor(PluginContext.class);
                return (Plugin) constructor.newInstance(context.get());
            } catch (NoSuchMethodException e) {
                return super.createInstance(pluginClass, wrapper);
            } catch (InstantiationException | IllegalAccessException | InvocationTargetException e) {
                throw new PluginRuntimeException(e, "Cannot create plugin class {}", pluginClass.getName());
            }
        }
    }

    /** Builds extensions, passing the context where a constructor takes it. */
    static final class Extensions implements ExtensionFactory {
        private final Supplier<PluginContext> context;

        Extensions(Supplier<PluginContext> context) {
            this.context = context;
        }

        @Override
        public <T> T create(Class<T> extensionClass) {
            try {
                try {
                    return extensionClass.getConstructor(PluginContext.class).newInstance(context.get());
                } catch (NoSuchMethodException e) {
                    return extensionClass.getConstructor().newInstance();
                }
            } catch (InvocationTargetException e) {
                throw new PluginRuntimeException(e.getCause(), "Extension {} failed to start: {}",
                        extensionClass.getName(), String.valueOf(e.getCause()));
            } catch (ReflectiveOperationException e) {
                throw new PluginRuntimeException(e, "Cannot create extension {}: it needs a public constructor "
                        + "taking PluginContext or none", extensionClass.getName());
            }
        }
    }
}
