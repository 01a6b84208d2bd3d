package dev.localecs.plugins.services;

import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeNetwork;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.plugins.services.network.NetworkedService;
import dev.localecs.plugins.services.network.ServiceNetworking;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * A service task's names on the task network. With Service Connect, every name of its namespace goes into the
 * task's {@code /etc/hosts} ({@code extra_hosts}), pointing at the name's proxy address: so a task knows the
 * names that existed when it started, as on ECS. With {@code serviceRegistries}, the task's own DNS names
 * ({@code <service>.<namespace>}) become its aliases on the task network, which Docker's DNS answers to every
 * task, also those started earlier. Both go on the containers that own a network namespace (bridge containers;
 * an awsvpc task's pause container, whose {@code /etc/hosts} its containers share).
 */
@Extension
public final class ServiceNetworkComposeProvider implements ComposeOverrideProvider {
    private final PluginContext context;

    /**
     * Creates the provider.
     *
     * @param context the runtime's services
     */
    public ServiceNetworkComposeProvider(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "service-network";
    }

    @Override
    public int order() {
        return 30;
    }

    @Override
    public List<ComposeFragment> fragments(TaskLaunch launch) {
        Optional<String> serviceName = launch.group().filter(g -> g.startsWith("service:"))
                .map(g -> g.substring("service:".length()));
        if (serviceName.isEmpty()) {
            return List.of();
        }
        ServiceStore store = ServiceStore.of(context);
        Optional<StoredService> stored = store.find(launch.cluster(), serviceName.get());
        if (stored.isEmpty()) {
            return List.of();
        }
        ServiceNetworking networking = ServiceNetworks.of(context);
        NetworkedService service = ServiceNetworks.view(stored.get());
        List<String> hosts = networking.hosts(service, ServiceNetworks.views(store));
        List<String> aliases = networking.discoveryNames(service);
        if (hosts.isEmpty() && aliases.isEmpty()) {
            return List.of();
        }
        String network = context.config().get("network.name", "ecs-local-network");
        Map<String, ComposeService> services = new LinkedHashMap<>();
        launch.taskFile().services().forEach((name, composeService) -> {
            if (composeService.networkMode() != null) {
                return;
            }
            ComposeService.Builder fragment = ComposeService.builder();
            if (!hosts.isEmpty()) {
                fragment.extraHosts(hosts);
            }
            if (!aliases.isEmpty()) {
                fragment.networks(Map.of(network, new ComposeService.ServiceNetwork(aliases, null)));
            }
            services.put(name, fragment.build());
        });
        Map<String, ComposeNetwork> networks = aliases.isEmpty() ? Map.of()
                : Map.of(network, new ComposeNetwork(network, null, true, null, null, null, null, null));
        return List.of(new ComposeFragment(name(), new ComposeProject(null, services, networks, Map.of()),
                Optional.empty()));
    }
}
