package dev.localecs.plugins.overrides;

import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import java.util.List;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * External networks ({@code network.external}, seed: {@code ECS_EXTERNAL_NETWORKS}): every task container
 * joins them, so apps on the user's network reach tasks by service name.
 */
@Extension
public final class ExternalNetworksProvider implements ComposeOverrideProvider {
    private final PluginContext context;

    /**
     * Creates the provider.
     *
     * @param context the runtime's services
     */
    public ExternalNetworksProvider(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "external-networks-override";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<ComposeFragment> fragments(TaskLaunch launch) {
        List<String> networks = context.config().list("network.external");
        if (networks.isEmpty()) {
            return List.of();
        }
        return List.of(new ComposeFragment(name(), ServiceNetworks.join(launch.taskFile(), networks),
                Optional.empty()));
    }
}
