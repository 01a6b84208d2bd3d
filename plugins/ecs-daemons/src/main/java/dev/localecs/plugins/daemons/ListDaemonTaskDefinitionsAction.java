package dev.localecs.plugins.daemons;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.pf4j.Extension;

/**
 * ListDaemonTaskDefinitions: summaries filtered by {@code family} (exact) or {@code familyPrefix}, {@code status}
 * ({@code ACTIVE} by default, {@code DELETE_IN_PROGRESS} or {@code ALL}), {@code revision: LAST_REGISTERED} (the
 * newest revision of each family), sorted by family and revision ({@code ASC} by default), 100 per page.
 */
@Extension
public final class ListDaemonTaskDefinitionsAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListDaemonTaskDefinitionsAction(PluginContext context) {
        this.context = context;
    }

    record Request(String family, String familyPrefix, String revision, String status, String sort,
                   Integer maxResults, String nextToken) {
    }

    @Override
    public String name() {
        return "ListDaemonTaskDefinitions";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String status = body.status() == null ? "ACTIVE" : body.status();
        if (!List.of("ACTIVE", "DELETE_IN_PROGRESS", "ALL").contains(status)) {
            throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: ACTIVE, "
                    + "DELETE_IN_PROGRESS, ALL.");
        }
        String sort = body.sort() == null ? "ASC" : body.sort();
        if (!List.of("ASC", "DESC").contains(sort)) {
            throw EcsException.invalidParameter("Invalid sort '" + sort + "'. Valid values: ASC, DESC.");
        }
        if (body.revision() != null && !"LAST_REGISTERED".equals(body.revision())) {
            throw EcsException.invalidParameter("Invalid revision '" + body.revision() + "'. Valid values: "
                    + "LAST_REGISTERED.");
        }
        if (body.family() != null && body.familyPrefix() != null) {
            throw EcsException.invalidParameter("family and familyPrefix cannot be used together.");
        }
        List<StoredDaemonTaskDefinition> matching = DaemonStore.of(context).definitions().stream()
                .filter(d -> body.family() == null || d.family().equals(body.family()))
                .filter(d -> body.familyPrefix() == null || d.family().startsWith(body.familyPrefix()))
                .filter(d -> status.equals("ALL") || d.status().equals(status))
                .toList();
        if (body.revision() != null) {
            matching = new ArrayList<>(matching.stream().collect(Collectors.toMap(StoredDaemonTaskDefinition::family,
                    d -> d, (a, b) -> a.revision() > b.revision() ? a : b, LinkedHashMap::new)).values());
        }
        Comparator<StoredDaemonTaskDefinition> order = Comparator.comparing(StoredDaemonTaskDefinition::family)
                .thenComparingInt(StoredDaemonTaskDefinition::revision);
        List<StoredDaemonTaskDefinition> sorted = matching.stream()
                .sorted(sort.equals("ASC") ? order : order.reversed()).toList();
        Page<StoredDaemonTaskDefinition> page = Page.of(sorted, body.maxResults(), body.nextToken(), 100, 100);
        List<ObjectNode> summaries = page.items().stream().map(this::summary).toList();
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("daemonTaskDefinitions", summaries);
        page.nextToken().ifPresent(token -> answer.put("nextToken", token));
        return answer;
    }

    private ObjectNode summary(StoredDaemonTaskDefinition definition) {
        ObjectNode summary = context.json().createObjectNode();
        summary.put("arn", definition.daemonTaskDefinitionArn());
        summary.put("registeredAt", definition.registeredAt());
        summary.put("registeredBy", context.arns().accountRoot());
        if (definition.deleteRequestedAt() != null) {
            summary.put("deleteRequestedAt", definition.deleteRequestedAt());
        }
        summary.put("status", definition.status());
        return summary;
    }
}
