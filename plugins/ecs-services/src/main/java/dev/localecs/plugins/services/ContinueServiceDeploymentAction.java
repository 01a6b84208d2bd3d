package dev.localecs.plugins.services;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import java.util.List;
import org.pf4j.Extension;

/**
 * ContinueServiceDeployment: ECS continues (or rolls back) a service deployment paused at a PAUSE lifecycle hook.
 * Local deployments run no lifecycle hooks, so none is ever paused: an unknown deployment is
 * {@code ServiceDeploymentNotFoundException}, a known one {@code InvalidParameterException} (its hook is not
 * awaiting action), as ECS answers for a deployment that is not paused.
 */
@Extension
public final class ContinueServiceDeploymentAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ContinueServiceDeploymentAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String serviceDeploymentArn, @Required String hookId, String action) {
    }

    @Override
    public String name() {
        return "ContinueServiceDeployment";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String action = body.action() == null ? "CONTINUE" : body.action();
        if (!List.of("CONTINUE", "ROLLBACK").contains(action)) {
            throw EcsException.invalidParameter("Invalid action '" + action + "'. Valid values: ROLLBACK, CONTINUE.");
        }
        ServiceDeploymentViews.Parts parts = ServiceDeploymentViews.parse(body.serviceDeploymentArn(),
                "service-deployment").orElseThrow(ContinueServiceDeploymentAction::notFound);
        StoredService service = ServiceStore.of(context).find(parts.cluster(), parts.service())
                .orElseThrow(ContinueServiceDeploymentAction::notFound);
        DeploymentRecord record = service.history().stream().filter(r -> r.id().equals(parts.id())).findFirst()
                .orElseThrow(ContinueServiceDeploymentAction::notFound);
        throw EcsException.invalidParameter("The lifecycle hook " + body.hookId() + " of service deployment "
                + body.serviceDeploymentArn() + " (" + record.status() + ") is not awaiting action: local-ecs-api "
                + "service deployments do not pause at lifecycle hooks.");
    }

    private static EcsException notFound() {
        return new EcsException(ErrorCode.SERVICE_DEPLOYMENT_NOT_FOUND, "The service deployment does not exist.");
    }
}
