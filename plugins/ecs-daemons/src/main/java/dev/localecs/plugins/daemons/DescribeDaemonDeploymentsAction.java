package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import dev.localecs.api.error.EcsException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** DescribeDaemonDeployments: 1–20 deployment ARNs; unknown ones are failures with reason {@code MISSING}. */
@Extension
public final class DescribeDaemonDeploymentsAction implements EcsAction {
    static final int MAX = 20;
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeDaemonDeploymentsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required List<String> daemonDeploymentArns) {
    }

    @Override
    public String name() {
        return "DescribeDaemonDeployments";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        checkCount(body.daemonDeploymentArns(), "daemonDeploymentArns");
        DaemonStore store = DaemonStore.of(context);
        List<Object> found = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (String arn : body.daemonDeploymentArns()) {
            Optional<StoredDaemon> daemon = owner(store, arn, "daemon-deployment/");
            Optional<DaemonDeployment> deployment = daemon.flatMap(d -> d.deployment(arn));
            if (deployment.isPresent()) {
                found.add(DaemonViews.deployment(context, daemon.get(), deployment.get()));
            } else {
                failures.add(Map.of("arn", arn, "reason", "MISSING"));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonDeployments", found);
        answer.put("failures", failures);
        return answer;
    }

    static void checkCount(List<String> arns, String member) {
        if (arns.isEmpty() || arns.size() > MAX) {
            throw EcsException.invalidParameter(member + " must contain between 1 and " + MAX + " ARNs.");
        }
    }

    /** The daemon of a deployment or revision ARN ({@code <kind><cluster>/<daemon>/<id>}). */
    static Optional<StoredDaemon> owner(DaemonStore store, String arn, String kind) {
        int at = arn.indexOf(":" + kind);
        if (!arn.startsWith("arn:") || at < 0) {
            return Optional.empty();
        }
        String[] parts = arn.substring(at + kind.length() + 1).split("/");
        return parts.length == 3 ? store.daemon(parts[0] + "/" + parts[1]) : Optional.empty();
    }
}
