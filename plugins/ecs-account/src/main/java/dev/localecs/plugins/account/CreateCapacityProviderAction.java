package dev.localecs.plugins.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.ClusterRef;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.AutoScalingGroupProvider;
import dev.localecs.api.model.CapacityProvider;
import dev.localecs.api.model.Tag;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * CreateCapacityProvider: stores an Auto Scaling group provider (its group ARN, managed scaling with ECS's
 * defaults, termination protection, draining) or a managed-instances provider as given. No instances are
 * launched: the local engine is every cluster's container instance, and tasks placed through a provider
 * report its name.
 */
@Extension
public final class CreateCapacityProviderAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateCapacityProviderAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String name, String cluster, AutoScalingGroupProvider autoScalingGroupProvider,
                   JsonNode managedInstancesProvider, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "CreateCapacityProvider";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        Providers.checkName(body.name());
        String cluster = body.cluster() == null ? null
                : context.clusters().active(ClusterRef.parse(body.cluster()).name()).clusterName();
        AutoScalingGroupProvider asg = body.autoScalingGroupProvider();
        if ((asg == null) == (body.managedInstancesProvider() == null)) {
            throw EcsException.invalidParameter("Exactly one of autoScalingGroupProvider and "
                    + "managedInstancesProvider must be specified.");
        }
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        synchronized (context.capacityProviders()) {
            if (context.capacityProviders().find(body.name()).filter(p -> !"INACTIVE".equals(p.status()))
                    .isPresent()) {
                throw EcsException.client("The specified capacity provider already exists. To change the "
                        + "configuration of an existing capacity provider, update the capacity provider.");
            }
            AutoScalingGroupProvider stored = null;
            if (asg != null) {
                if (asg.autoScalingGroupArn() == null || asg.autoScalingGroupArn().isBlank()) {
                    throw EcsException.invalidParameter("autoScalingGroupArn is required.");
                }
                boolean taken = context.capacityProviders().list().stream()
                        .filter(p -> "ACTIVE".equals(p.status()) && p.autoScalingGroupProvider() != null)
                        .anyMatch(p -> p.autoScalingGroupProvider().autoScalingGroupArn()
                                .equals(asg.autoScalingGroupArn()));
                if (taken) {
                    throw EcsException.client("The specified Auto Scaling group ARN is already being used by "
                            + "another capacity provider. Specify a unique Auto Scaling group ARN and try again.");
                }
                stored = new AutoScalingGroupProvider(asg.autoScalingGroupArn(),
                        Providers.scaling(asg.managedScaling(), null),
                        Providers.option("managedTerminationProtection", asg.managedTerminationProtection(),
                                "DISABLED"),
                        Providers.option("managedDraining", asg.managedDraining(), "ENABLED"));
            }
            String arn = context.arns().capacityProvider(body.name());
            CapacityProvider provider = context.capacityProviders().put(new CapacityProvider(arn, body.name(), cluster,
                    "ACTIVE", stored, body.managedInstancesProvider(), null, null, null,
                    stored != null ? "EC2_AUTOSCALING" : "MANAGED_INSTANCES"));
            context.tags().remove(arn);
            if (!tags.isEmpty()) {
                context.tags().tag(arn, tags);
            }
            return Map.of("capacityProvider", Providers.view(context, provider, true));
        }
    }
}
