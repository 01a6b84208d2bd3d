package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.PluginContext;
import dev.localecs.api.Required;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/** DescribeDaemonRevisions: 1–20 revision ARNs; unknown ones are failures with reason {@code MISSING}. */
@Extension
public final class DescribeDaemonRevisionsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeDaemonRevisionsAction(PluginContext context) {
        this.context = context;
    }

    record Request(@Required List<String> daemonRevisionArns) {
    }

    @Override
    public String name() {
        return "DescribeDaemonRevisions";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        DescribeDaemonDeploymentsAction.checkCount(body.daemonRevisionArns(), "daemonRevisionArns");
        DaemonStore store = DaemonStore.of(context);
        List<Object> found = new ArrayList<>();
        List<Object> failures = new ArrayList<>();
        for (String arn : body.daemonRevisionArns()) {
            Optional<StoredDaemon> daemon = DescribeDaemonDeploymentsAction.owner(store, arn, "daemon-revision/");
            Optional<DaemonRevision> revision = daemon.flatMap(d -> d.revision(arn));
            if (revision.isPresent()) {
                StoredDaemonTaskDefinition definition = DaemonTaskDefinitions.find(store,
                        revision.get().daemonTaskDefinitionArn()).orElse(null);
                found.add(DaemonViews.revision(context, daemon.get(), revision.get(), definition));
            } else {
                failures.add(Map.of("arn", arn, "reason", "MISSING"));
            }
        }
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonRevisions", found);
        answer.put("failures", failures);
        return answer;
    }
}
