package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.List;
import org.pf4j.Extension;

/**
 * DeleteDaemon: the daemon becomes {@code DELETE_IN_PROGRESS} with a deployment that stops its task; once the task
 * has stopped the daemon is gone (DescribeDaemon answers {@code DaemonNotFoundException}).
 */
@Extension
public final class DeleteDaemonAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DeleteDaemonAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonArn) {
    }

    @Override
    public String name() {
        return "DeleteDaemon";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String key = DaemonRefs.key(body.daemonArn());
        DaemonStore store = DaemonStore.of(context);
        StoredDaemon deleted = store.locked(key, () -> {
            StoredDaemon daemon = DaemonRefs.active(DaemonRefs.existing(store, body.daemonArn()));
            double now = DaemonRefs.now(context);
            DaemonDeployment deployment = DaemonRequests.newDeployment(context, daemon.cluster(), daemon.daemonName(),
                    null, List.of(daemon.currentRevision().arn()), daemon.latestDeployment().deploymentConfiguration());
            StoredDaemon superseded = daemon;
            for (DaemonDeployment running : daemon.deployments()) {
                if (!running.finished()) {
                    superseded = superseded.withDeployment(running.stopped(now, "Daemon deployment stopped: the "
                            + "daemon is being deleted."));
                }
            }
            return store.put(superseded.deleting(deployment, now));
        });
        context.tags().remove(deleted.daemonArn());
        store.wake(key);
        return DaemonViews.change(deleted);
    }
}
