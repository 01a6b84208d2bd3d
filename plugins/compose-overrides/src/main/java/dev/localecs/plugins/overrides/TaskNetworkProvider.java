package dev.localecs.plugins.overrides;

import dev.localecs.api.ComposeOverrideProvider;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskLaunch;
import dev.localecs.api.compose.ComposeFragment;
import dev.localecs.api.compose.ComposeProject;
import dev.localecs.api.compose.ComposeService;
import dev.localecs.api.compose.EcsLabels;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Endpoint wiring: the task network ({@code network.name}, created by the runtime with
 * {@code network.subnet}, where the credentials and metadata endpoint is 169.254.170.2) joined by every
 * service that owns a network namespace, and the environment ECS gives every container: metadata URIs,
 * region, execution environment and, when the task has a role, the credentials URI.
 */
@Extension
public final class TaskNetworkProvider implements ComposeOverrideProvider {
    /** The credentials and metadata endpoint address, as on ECS. */
    public static final String ENDPOINT = "169.254.170.2";
    private final PluginContext context;

    /**
     * Creates the provider.
     *
     * @param context the runtime's services
     */
    public TaskNetworkProvider(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "task-network-override";
    }

    @Override
    public int order() {
        return 20;
    }

    @Override
    public List<ComposeFragment> fragments(TaskLaunch launch) {
        String network = context.config().get("network.name", "ecs-local-network");
        String endpoint = context.config().get("endpoint.host", ENDPOINT);
        var project = ServiceNetworks.join(launch.taskFile(), List.of(network));
        Map<String, ComposeService> services = new LinkedHashMap<>(project.services());
        boolean fargate = launch.taskDefinition().requiresCompatibilities() != null
                && launch.taskDefinition().requiresCompatibilities().contains("FARGATE");
        String region = context.arns().region();
        launch.taskFile().services().forEach((name, service) -> {
            if (service.labels().containsKey(EcsLabels.PAUSE)) {
                return;
            }
            Map<String, String> environment = new LinkedHashMap<>();
            String id = launch.endpointId() + "." + name;
            environment.put("ECS_CONTAINER_METADATA_URI", "http://" + endpoint + "/v3/" + id);
            environment.put("ECS_CONTAINER_METADATA_URI_V4", "http://" + endpoint + "/v4/" + id);
            if (hasTaskRole(launch)) {
                environment.put("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/" + launch.endpointId());
            }
            environment.put("AWS_REGION", region);
            environment.put("AWS_DEFAULT_REGION", region);
            environment.put("AWS_EXECUTION_ENV", fargate ? "AWS_ECS_FARGATE" : "AWS_ECS_EC2");
            ComposeService.Builder fragment = services.containsKey(name) ? services.get(name).toBuilder()
                    : ComposeService.builder();
            services.put(name, fragment.environment(environment).build());
        });
        return List.of(new ComposeFragment(name(),
                new ComposeProject(null, services, project.networks(), Map.of()),
                Optional.empty()));
    }

    private static boolean hasTaskRole(TaskLaunch launch) {
        return launch.taskDefinition().taskRoleArn() != null || launch.overrides().map(o -> o.taskRoleArn()).isPresent();
    }
}
