package dev.localecs.plugins.account;

import com.fasterxml.jackson.databind.JsonNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.AutoScalingGroupProvider;
import dev.localecs.api.model.CapacityProvider;
import dev.localecs.api.model.ManagedScaling;
import java.util.Map;
import org.pf4j.Extension;

/** UpdateCapacityProvider: new managed scaling, termination protection or draining; UPDATE_COMPLETE at once. */
@Extension
public final class UpdateCapacityProviderAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateCapacityProviderAction(PluginContext context) {
        this.context = context;
    }

    record AsgUpdate(ManagedScaling managedScaling, String managedTerminationProtection, String managedDraining) {
    }

    record Request(@Required String name, String cluster, AsgUpdate autoScalingGroupProvider,
                   JsonNode managedInstancesProvider) {
    }

    @Override
    public String name() {
        return "UpdateCapacityProvider";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        synchronized (context.capacityProviders()) {
            CapacityProvider current = Providers.find(context, body.name())
                    .filter(p -> "ACTIVE".equals(p.status())).orElseThrow(Providers::notFound);
            if (Providers.builtIn(current.name())) {
                throw EcsException.invalidParameter("The FARGATE and FARGATE_SPOT capacity providers cannot be "
                        + "updated.");
            }
            AutoScalingGroupProvider asg = current.autoScalingGroupProvider();
            JsonNode managed = current.managedInstancesProvider();
            if (body.autoScalingGroupProvider() != null) {
                if (asg == null) {
                    throw EcsException.invalidParameter("The capacity provider " + current.name()
                            + " is not an Auto Scaling group capacity provider.");
                }
                AsgUpdate update = body.autoScalingGroupProvider();
                asg = Providers.withAsg(asg, Providers.scaling(update.managedScaling(), asg.managedScaling()),
                        Providers.option("managedTerminationProtection", update.managedTerminationProtection(),
                                asg.managedTerminationProtection()),
                        Providers.option("managedDraining", update.managedDraining(), asg.managedDraining()));
            }
            if (body.managedInstancesProvider() != null) {
                if (managed == null) {
                    throw EcsException.invalidParameter("The capacity provider " + current.name()
                            + " is not a managed instances capacity provider.");
                }
                managed = body.managedInstancesProvider();
            }
            CapacityProvider updated = context.capacityProviders().put(new CapacityProvider(
                    current.capacityProviderArn(), current.name(), current.cluster(), current.status(), asg, managed,
                    "UPDATE_COMPLETE", null, null, current.type()));
            return Map.of("capacityProvider", Providers.view(context, updated, false));
        }
    }
}
