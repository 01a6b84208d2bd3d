package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Tag;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * CreateDaemon: stores the daemon (ACTIVE) with its first revision and deployment and wakes the daemon scheduler,
 * which starts its task on the local container instance. A repeated call with the same {@code clientToken}
 * answers the existing daemon.
 */
@Extension
public final class CreateDaemonAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public CreateDaemonAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required String daemonName, String clusterArn, @Required String daemonTaskDefinitionArn,
                   @Required List<String> capacityProviderArns, String propagateTags, Boolean enableECSManagedTags,
                   Boolean enableExecuteCommand, String clientToken, Boolean critical, List<Tag> tags) {
    }

    @Override
    public String name() {
        return "CreateDaemon";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        DaemonRefs.validateName(body.daemonName());
        String cluster = DaemonRefs.cluster(context, body.clusterArn());
        DaemonStore store = DaemonStore.of(context);
        StoredDaemonTaskDefinition definition = DaemonRequests.activeDefinition(store, body.daemonTaskDefinitionArn());
        List<String> providers = DaemonRequests.capacityProviders(body.capacityProviderArns());
        String propagate = DaemonRequests.propagateTags(body.propagateTags());
        var configuration = DaemonRequests.deploymentConfiguration(context,
                request.body().get("deploymentConfiguration"));
        List<Tag> tags = body.tags() == null ? List.of() : body.tags();
        context.tags().validate(tags);
        String key = cluster + "/" + body.daemonName();
        StoredDaemon daemon = store.locked(key, () -> {
            Optional<StoredDaemon> existing = store.daemon(key);
            if (existing.isPresent()) {
                if (body.clientToken() != null && body.clientToken().equals(existing.get().clientToken())
                        && "ACTIVE".equals(existing.get().status())) {
                    return existing.get();
                }
                throw EcsException.invalidParameter("Creation of daemon was not idempotent: a daemon named '"
                        + body.daemonName() + "' already exists in the cluster (" + existing.get().status() + ").");
            }
            double now = DaemonRefs.now(context);
            DaemonRevision revision = new DaemonRevision(DaemonRefs.revisionArn(context, cluster, body.daemonName()),
                    definition.daemonTaskDefinitionArn(), now, propagate,
                    Boolean.TRUE.equals(body.enableECSManagedTags()), Boolean.TRUE.equals(body.enableExecuteCommand()),
                    Boolean.TRUE.equals(body.critical()));
            DaemonDeployment deployment = DaemonRequests.newDeployment(context, cluster, body.daemonName(),
                    revision.arn(), List.of(), configuration);
            String arn = DaemonRefs.daemonArn(context, cluster, body.daemonName());
            context.tags().remove(arn);
            if (!tags.isEmpty()) {
                context.tags().tag(arn, tags);
            }
            return store.put(new StoredDaemon(arn, body.daemonName(), cluster, "ACTIVE", providers,
                    body.clientToken(), now, now, List.of(revision), List.of(deployment)));
        });
        store.wake(key);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonArn", daemon.daemonArn());
        answer.put("status", daemon.status());
        answer.put("createdAt", daemon.createdAt());
        answer.put("deploymentArn", daemon.latestDeployment().arn());
        return answer;
    }
}
