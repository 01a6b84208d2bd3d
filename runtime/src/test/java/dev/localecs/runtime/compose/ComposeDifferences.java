package dev.localecs.runtime.compose;

import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import java.util.Comparator;

import java.util.Map;
import java.util.TreeMap;

/**
 * The intended differences between our effective file and {@code docker-compose config} output (listed in
 * the README), undone on both sides before comparing: docker-compose 1.x sorts mappings and sequences,
 * fills {@code protocol: tcp} and {@code mode: ingress} on ports, writes {@code networks} entries as
 * empty mappings, and leaves {@code name} out.
 */
final class ComposeDifferences {
    private ComposeDifferences() {
    }

    static ComposeProject normalise(ComposeProject project) {
        Map<String, ComposeService> services = new TreeMap<>();
        project.services().forEach((name, service) -> services.put(name, normalise(service)));
        return new ComposeProject(null, services, new TreeMap<>(project.networks()), new TreeMap<>(project.volumes()));
    }

    private static ComposeService normalise(ComposeService service) {
        ComposeService.Builder builder = service.toBuilder();
        if (service.ports() != null) {
            builder.ports(service.ports().stream()
                    .map(p -> new ComposeService.Port(p.target(), p.published(), p.hostIp(),
                            p.protocol() == null ? "tcp" : p.protocol(), null, p.name(), p.appProtocol()))
                    .sorted(Comparator.comparing(ComposeService.Port::toString)).toList());
        }
        if (service.networks() != null) {
            Map<String, ComposeService.ServiceNetwork> networks = new TreeMap<>();
            service.networks().forEach((name, options) -> networks.put(name,
                    options == null || options.equals(new ComposeService.ServiceNetwork(null, null)) ? null : options));
            builder.networks(networks);
        }
        builder.environment(sorted(service.environment()));
        builder.labels(sorted(service.labels()));
        if (service.volumes() != null) {
            builder.volumes(service.volumes().stream().sorted(Comparator.comparing(ComposeService.Mount::target))
                    .toList());
        }
        if (service.dependsOn() != null) {
            builder.dependsOn(new TreeMap<>(service.dependsOn()));
        }
        return builder.build();
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        return map == null ? null : new TreeMap<>(map);
    }

}
