package dev.localecs.plugins.daemons;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.ClusterRef;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ListDaemons: every daemon (of one cluster when {@code clusterArn} is given, which must exist; of those using
 * any of {@code capacityProviderArns} when given), oldest first, 100 per page.
 */
@Extension
public final class ListDaemonsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListDaemonsAction(PluginContext context) {
        this.context = context;
    }

    record Request(String clusterArn, List<String> capacityProviderArns, Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "ListDaemons";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String cluster = body.clusterArn() == null ? null
                : context.clusters().active(ClusterRef.parse(body.clusterArn()).name()).clusterName();
        List<String> providers = body.capacityProviderArns() == null ? List.of() : body.capacityProviderArns();
        List<StoredDaemon> matching = DaemonStore.of(context).daemons().stream()
                .filter(daemon -> cluster == null || daemon.cluster().equals(cluster))
                .filter(daemon -> providers.isEmpty()
                        || daemon.capacityProviderArns().stream().anyMatch(providers::contains))
                .toList();
        Page<StoredDaemon> page = Page.of(matching, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonSummariesList", page.items().stream().map(d -> DaemonViews.summary(context, d)).toList());
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }
}
