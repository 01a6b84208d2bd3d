package dev.localecs.engine.kubernetes;

import dev.localecs.api.error.ConfigurationException;
import dev.localecs.runtime.tasks.TaskEngine;
import dev.localecs.runtime.tasks.TaskEngineProvider;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;

/**
 * {@code tasks.engine: kubernetes}, configured by the kubeconfig ({@code KUBECONFIG}, {@code ~/.kube/config} or
 * the in-cluster service account) and {@code tasks.kubernetes.*}.
 */
public final class KubernetesEngineProvider implements TaskEngineProvider {

    /** Creates the provider (ServiceLoader). */
    public KubernetesEngineProvider() {
        // found by ServiceLoader
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public TaskEngine create(Context context) {
        KubernetesSettings settings = KubernetesSettings.from(context.config());
        Config config;
        try {
            config = settings.context().map(Config::autoConfigure).orElseGet(() -> Config.autoConfigure(null));
        } catch (KubernetesClientException e) {
            throw new ConfigurationException("The kubeconfig cannot be read (tasks.kubernetes.context "
                    + settings.context().orElse("current") + "): " + e.getMessage());
        }
        KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build();
        return new KubernetesTaskEngine(client, settings, context.clock());
    }
}
