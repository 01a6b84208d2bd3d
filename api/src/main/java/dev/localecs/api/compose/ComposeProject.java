package dev.localecs.api.compose;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A compose file: services, networks and volumes (a fragment when it overrides another).
 *
 * @param name the project name, when the file sets it
 * @param services services by name
 * @param networks top-level networks by name
 * @param volumes top-level volumes by name
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@JsonPropertyOrder({"name", "services", "networks", "volumes"})
public record ComposeProject(String name, Map<String, ComposeService> services, Map<String, ComposeNetwork> networks,
                             Map<String, ComposeVolume> volumes) {

    /**
     * Normalises absent maps to empty ones.
     *
     * @param name the name
     * @param services the services
     * @param networks the networks
     * @param volumes the volumes
     */
    public ComposeProject {
        services = services == null ? Map.of() : services;
        networks = networks == null ? Map.of() : networks;
        volumes = volumes == null ? Map.of() : volumes;
    }

    /**
     * A project with services only.
     *
     * @param services the services
     * @return the project
     */
    public static ComposeProject ofServices(Map<String, ComposeService> services) {
        return new ComposeProject(null, services, Map.of(), Map.of());
    }
}
