package dev.localecs.plugins.services.network;

import dev.localecs.api.PluginContext;
import dev.localecs.api.error.ConfigurationException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * The networking's settings, read once.
 *
 * @param frontDoorHost the address front doors bind ({@code front-door.host})
 * @param cloudMap Cloud Map, when {@code upstream.servicediscovery.endpoint} is set
 * @param targetGroups ELBv2, when {@code upstream.elbv2.endpoint} is set
 * @param instanceId the EC2 instance id registered in {@code instance} target groups ({@code upstream.elbv2.instance-id})
 */
record NetworkSettings(String frontDoorHost, Optional<CloudMap> cloudMap, Optional<TargetGroups> targetGroups,
                       Optional<String> instanceId) {

    static NetworkSettings read(PluginContext context) {
        var credentials = AwsPeer.credentials(context.environment());
        String region = context.arns().region();
        Optional<CloudMap> cloudMap = endpoint(context, "upstream.servicediscovery.endpoint")
                .map(uri -> new CloudMap(new AwsPeer(uri, region, "servicediscovery", credentials, context.clock()),
                        context.json()));
        Optional<TargetGroups> targetGroups = endpoint(context, "upstream.elbv2.endpoint")
                .map(uri -> new TargetGroups(new AwsPeer(uri, region, "elasticloadbalancing", credentials,
                        context.clock())));
        return new NetworkSettings(context.config().get("front-door.host", "127.0.0.1"), cloudMap, targetGroups,
                context.config().get("upstream.elbv2.instance-id").filter(id -> !id.isBlank()));
    }

    /**
     * The front door port configured for a service ({@code front-door.port.<service name>}).
     *
     * @param context the runtime's services
     * @param serviceName the service
     * @return the port, when configured
     */
    static Optional<Integer> frontDoorPort(PluginContext context, String serviceName) {
        Optional<String> value = context.config().get("front-door.port." + serviceName);
        try {
            return value.map(String::trim).map(Integer::valueOf);
        } catch (NumberFormatException e) {
            throw new ConfigurationException("front-door.port." + serviceName + " must be a port number, not '"
                    + value.get() + "'.");
        }
    }

    private static Optional<URI> endpoint(PluginContext context, String key) {
        Optional<String> value = context.config().get(key).map(String::trim).filter(v -> !v.isEmpty());
        return value.map(text -> {
            try {
                URI uri = new URI(text);
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw new URISyntaxException(text, "not an http or https URL");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw new ConfigurationException(key + " must be an http(s) URL such as http://localhost:5000, not '"
                        + text + "'.");
            }
        });
    }
}
