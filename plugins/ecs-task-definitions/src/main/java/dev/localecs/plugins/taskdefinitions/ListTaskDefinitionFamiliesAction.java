package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * ListTaskDefinitionFamilies: ACTIVE lists families with at least one ACTIVE revision, INACTIVE those with
 * none, ALL every family; {@code familyPrefix} is a real prefix here.
 */
@Extension
public final class ListTaskDefinitionFamiliesAction implements EcsAction {
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListTaskDefinitionFamiliesAction(PluginContext context) {
        this.context = context;
    }

    record Request(String familyPrefix, String status, String nextToken, Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListTaskDefinitionFamilies";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String status = body.status() == null ? "ACTIVE" : body.status();
        if (!List.of("ACTIVE", "INACTIVE", "ALL").contains(status)) {
            throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: ACTIVE, INACTIVE, ALL.");
        }
        String prefix = body.familyPrefix() == null ? "" : body.familyPrefix();
        List<String> families = context.taskDefinitions().families().stream()
                .filter(family -> family.startsWith(prefix))
                .filter(family -> status.equals("ALL") || hasActive(family) == status.equals("ACTIVE"))
                .toList();
        Page<String> page = Page.of(families, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("families", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private boolean hasActive(String family) {
        return context.taskDefinitions().revisions(family).stream().anyMatch(r -> "ACTIVE".equals(r.status()));
    }
}
