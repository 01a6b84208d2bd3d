package dev.localecs.plugins.account;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.time.Duration;
import java.util.List;
import org.pf4j.Extension;

/**
 * UpdateTaskProtection: turns scale-in protection on (for {@code expiresInMinutes}, 120 by default, at most
 * 2880) or off. Schedulers ask {@link dev.localecs.api.TaskProtections#isProtected(String)} before stopping a
 * task for scale-in or a deployment.
 */
@Extension
public final class UpdateTaskProtectionAction implements EcsAction {
    static final int DEFAULT_MINUTES = 120;
    static final int MAX_MINUTES = 2880;
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateTaskProtectionAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String cluster, @Required List<String> tasks, @Required Boolean protectionEnabled,
                   Integer expiresInMinutes) {
    }

    @Override
    public String name() {
        return "UpdateTaskProtection";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        int minutes = body.expiresInMinutes() == null ? DEFAULT_MINUTES : body.expiresInMinutes();
        if (minutes < 1 || minutes > MAX_MINUTES) {
            throw EcsException.invalidParameter("expiresInMinutes must be between 1 and " + MAX_MINUTES + ".");
        }
        if (body.tasks().isEmpty()) {
            throw EcsException.invalidParameter("tasks can not be empty.");
        }
        return ProtectedTasks.each(context, body.cluster(), body.tasks(), task -> context.taskProtections()
                .update(task.taskArn(), body.protectionEnabled(), Duration.ofMinutes(minutes)));
    }
}
