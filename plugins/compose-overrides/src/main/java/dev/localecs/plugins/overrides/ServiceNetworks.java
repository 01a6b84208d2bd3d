package dev.localecs.plugins.overrides;

import dev.localecs.api.compose.ComposeNetwork;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Which services of a task file join networks, and the fragment that joins them to some. */
final class ServiceNetworks {
    private ServiceNetworks() {
    }

    /**
     * Services that can join networks: those without a network mode of their own (bridge-mode containers
     * and the awsvpc pause service). Containers sharing the pause namespace, host and none do not.
     */
    static List<String> joiners(ComposeProject taskFile) {
        return taskFile.services().entrySet().stream()
                .filter(e -> e.getValue().networkMode() == null)
                .map(Map.Entry::getKey)
                .toList();
    }

    /**
     * A fragment declaring external networks and joining every joiner to them. Task containers do not get a
     * per-task network: on ECS, bridge-mode containers share the instance's bridge and awsvpc containers
     * share their ENI (the pause container here).
     */
    static ComposeProject join(ComposeProject taskFile, List<String> networks) {
        Map<String, ComposeNetwork> declared = new LinkedHashMap<>();
        networks.forEach(name -> declared.put(name, new ComposeNetwork(name, null, true, null, null, null, null, null)));
        Map<String, ComposeService> services = new LinkedHashMap<>();
        List<String> joiners = joiners(taskFile);
        for (String name : joiners) {
            Map<String, ComposeService.ServiceNetwork> joined = new LinkedHashMap<>();
            networks.forEach(network -> joined.put(network, null));
            services.put(name, ComposeService.builder().networks(joined).build());
        }
        return new ComposeProject(null, services, declared, Map.of());
    }
}
