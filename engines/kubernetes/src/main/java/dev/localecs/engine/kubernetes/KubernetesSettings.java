package dev.localecs.engine.kubernetes;

import dev.localecs.api.ConfigView;
import dev.localecs.api.error.ConfigurationException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code tasks.kubernetes.*} settings.
 *
 * @param context the kubeconfig context, if not the current one
 * @param namespace one namespace for every cluster's tasks, if set
 * @param namespacePrefix otherwise each ECS cluster's namespace is this prefix and the cluster's name
 * @param labels extra labels on every Pod, Secret and claim
 * @param hostPaths whether host path volumes become {@code hostPath} volumes (off: a task using one fails to start)
 * @param storageClass the storage class of the claims made for EFS and shared volumes, if any
 * @param endpointService the runtime's endpoint Service ({@code namespace/name:port}) that 169.254.170.2 is
 *        forwarded to, if any
 * @param natImage the image of the init container adding that forwarding rule (it needs {@code iptables})
 * @param startTimeout how long a container start waits for the kubelet to run it (image pulls included)
 */
public record KubernetesSettings(Optional<String> context, Optional<String> namespace, String namespacePrefix,
                                 Map<String, String> labels, boolean hostPaths, Optional<String> storageClass,
                                 Optional<String> endpointService, String natImage, Duration startTimeout) {
    /** The default image of the forwarding init container (kube-proxy's image ships iptables). */
    public static final String DEFAULT_NAT_IMAGE = "registry.k8s.io/kube-proxy:v1.33.0";

    /**
     * Validates the components.
     *
     * @param context the context
     * @param namespace the fixed namespace
     * @param namespacePrefix the prefix
     * @param labels the labels
     * @param hostPaths whether host paths are allowed
     * @param storageClass the storage class
     * @param endpointService the endpoint Service
     * @param natImage the forwarding image
     * @param startTimeout the start timeout
     */
    public KubernetesSettings {
        labels = Map.copyOf(labels);
        endpointService.ifPresent(KubernetesSettings::endpointParts);
    }

    /**
     * Reads the settings.
     *
     * @param config the configuration
     * @return the settings
     * @throws ConfigurationException naming a value that cannot be read
     */
    public static KubernetesSettings from(ConfigView config) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String entry : config.list("tasks.kubernetes.labels")) {
            String[] parts = entry.split("=", 2);
            if (parts.length != 2 || parts[0].isBlank()) {
                throw new ConfigurationException("tasks.kubernetes.labels entries must be key=value, not '" + entry
                        + "'.");
            }
            labels.put(parts[0].trim(), parts[1].trim());
        }
        int seconds = config.getInt("tasks.kubernetes.start-timeout-seconds", 300);
        if (seconds <= 0) {
            throw new ConfigurationException("tasks.kubernetes.start-timeout-seconds must be positive, not " + seconds
                    + ".");
        }
        return new KubernetesSettings(config.get("tasks.kubernetes.context"), config.get("tasks.kubernetes.namespace"),
                config.get("tasks.kubernetes.namespace-prefix", "ecs-"), labels,
                config.getBoolean("tasks.kubernetes.host-paths", false), config.get("tasks.kubernetes.storage-class"),
                config.get("tasks.kubernetes.endpoint-service"),
                config.get("tasks.kubernetes.nat-image", DEFAULT_NAT_IMAGE), Duration.ofSeconds(seconds));
    }

    /**
     * The namespace of an ECS cluster's tasks.
     *
     * @param cluster the cluster name
     * @return the fixed namespace, or the prefix and the cluster's name as a DNS label
     */
    public String namespaceOf(String cluster) {
        return namespace.orElseGet(() -> KubeNames.label(namespacePrefix + cluster));
    }

    /**
     * The endpoint Service's parts.
     *
     * @param value {@code namespace/name:port}
     * @return namespace, name, port
     */
    static String[] endpointParts(String value) {
        int slash = value.indexOf('/');
        int colon = value.lastIndexOf(':');
        if (slash <= 0 || colon < slash + 2 || colon == value.length() - 1) {
            throw new ConfigurationException("tasks.kubernetes.endpoint-service must be namespace/name:port, such as "
                    + "local-ecs/local-ecs-api:80, not '" + value + "'.");
        }
        String port = value.substring(colon + 1);
        if (!port.chars().allMatch(Character::isDigit)) {
            throw new ConfigurationException("tasks.kubernetes.endpoint-service must end with a port number, not '"
                    + value + "'.");
        }
        return new String[] {value.substring(0, slash), value.substring(slash + 1, colon), port};
    }
}
