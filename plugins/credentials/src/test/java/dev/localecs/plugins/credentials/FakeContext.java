package dev.localecs.plugins.credentials;

import dev.localecs.testing.FakePluginContext;
import java.util.Map;

/** The shared fake plugin context with a configuration and an environment given as maps. */
final class FakeContext {
    private FakeContext() {
    }

    static FakePluginContext of(Map<String, String> config, Map<String, String> environment) {
        FakePluginContext context = new FakePluginContext();
        config.forEach(context::config);
        environment.forEach(context::environment);
        return context;
    }
}
