package dev.localecs.plugins.services.network;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A deployment's {@code serviceConnectConfiguration}, enabled: its namespace and the names it serves (none for a
 * client-only service).
 *
 * @param namespace the namespace as given (a name, or a Cloud Map namespace ARN)
 * @param services the names served
 */
public record ServiceConnect(String namespace, List<Served> services) {

    /**
     * One {@code services[]} entry.
     *
     * @param portName the {@code portMappings[].name} it serves
     * @param discoveryName its name ({@code portName} when not given)
     * @param aliases the client aliases ({@code dnsName}, {@code port})
     */
    public record Served(String portName, String discoveryName, List<Alias> aliases) {
        /**
         * Copies the aliases.
         *
         * @param portName the port name
         * @param discoveryName the discovery name
         * @param aliases the aliases
         */
        public Served {
            aliases = List.copyOf(aliases);
        }
    }

    /**
     * One client alias.
     *
     * @param dnsName the name clients use
     * @param port the port clients use
     */
    public record Alias(String dnsName, int port) {
    }

    /**
     * Copies the services.
     *
     * @param namespace the namespace
     * @param services the services
     */
    public ServiceConnect {
        services = List.copyOf(services);
    }

    /**
     * Reads a configuration.
     *
     * @param config the {@code serviceConnectConfiguration} member (missing, or not enabled: empty)
     * @return the configuration when enabled with a namespace
     */
    public static Optional<ServiceConnect> of(JsonNode config) {
        if (!config.path("enabled").asBoolean(false) || !config.path("namespace").isTextual()) {
            return Optional.empty();
        }
        List<Served> served = new ArrayList<>();
        for (JsonNode service : config.path("services")) {
            String portName = service.path("portName").asText("");
            if (portName.isEmpty()) {
                continue;
            }
            String discovery = service.path("discoveryName").asText(portName);
            List<Alias> aliases = new ArrayList<>();
            for (JsonNode alias : service.path("clientAliases")) {
                if (alias.path("port").canConvertToInt()) {
                    aliases.add(new Alias(alias.path("dnsName").asText(discovery), alias.path("port").asInt()));
                }
            }
            served.add(new Served(portName, discovery, aliases));
        }
        return Optional.of(new ServiceConnect(config.path("namespace").asText(), served));
    }

    /**
     * The namespace's key: its name, or for an ARN the id at its end, so a name and an ARN of one namespace used
     * by different services are one namespace only when Cloud Map is not asked.
     *
     * @return the key
     */
    public String namespaceKey() {
        return namespace.startsWith("arn:") ? namespace.substring(namespace.lastIndexOf('/') + 1) : namespace;
    }
}
