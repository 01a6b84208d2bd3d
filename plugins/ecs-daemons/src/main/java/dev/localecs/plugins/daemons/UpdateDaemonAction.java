package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.List;
import org.pf4j.Extension;

/**
 * UpdateDaemon: a new revision and a new deployment that rolls the daemon's task to it (the old task stops, the
 * new one starts); a deployment still in progress is stopped in favour of the new one. Settings not given keep
 * the current revision's values.
 */
@Extension
public final class UpdateDaemonAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public UpdateDaemonAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonArn, @Required String daemonTaskDefinitionArn,
                   @Required List<String> capacityProviderArns, String propagateTags, Boolean enableECSManagedTags,
                   Boolean enableExecuteCommand, Boolean critical) {
    }

    @Override
    public String name() {
        return "UpdateDaemon";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String key = DaemonRefs.key(body.daemonArn());
        DaemonStore store = DaemonStore.of(context);
        DaemonRefs.active(DaemonRefs.existing(store, body.daemonArn()));
        StoredDaemonTaskDefinition definition = DaemonRequests.activeDefinition(store, body.daemonTaskDefinitionArn());
        List<String> providers = DaemonRequests.capacityProviders(body.capacityProviderArns());
        StoredDaemon updated = store.locked(key, () -> {
            StoredDaemon daemon = DaemonRefs.active(DaemonRefs.existing(store, body.daemonArn()));
            DaemonRevision current = daemon.currentRevision();
            double now = DaemonRefs.now(context);
            DaemonRevision revision = new DaemonRevision(
                    DaemonRefs.revisionArn(context, daemon.cluster(), daemon.daemonName()),
                    definition.daemonTaskDefinitionArn(), now,
                    body.propagateTags() == null ? current.propagateTags()
                            : DaemonRequests.propagateTags(body.propagateTags()),
                    body.enableECSManagedTags() == null ? current.enableECSManagedTags() : body.enableECSManagedTags(),
                    body.enableExecuteCommand() == null ? current.enableExecuteCommand()
                            : body.enableExecuteCommand(),
                    body.critical() == null ? current.critical() : body.critical());
            var configuration = request.body().has("deploymentConfiguration")
                    ? DaemonRequests.deploymentConfiguration(context, request.body().get("deploymentConfiguration"))
                    : daemon.latestDeployment().deploymentConfiguration();
            DaemonDeployment deployment = DaemonRequests.newDeployment(context, daemon.cluster(), daemon.daemonName(),
                    revision.arn(), List.of(current.arn()), configuration);
            StoredDaemon superseded = daemon;
            for (DaemonDeployment running : daemon.deployments()) {
                if (!running.finished()) {
                    superseded = superseded.withDeployment(running.stopped(now, "Daemon deployment superseded by "
                            + deployment.arn() + "."));
                }
            }
            return store.put(superseded.rolling(revision, deployment, providers, now));
        });
        store.wake(key);
        return DaemonViews.change(updated);
    }
}
