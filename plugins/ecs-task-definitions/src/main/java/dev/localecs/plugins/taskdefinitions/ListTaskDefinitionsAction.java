package dev.localecs.plugins.taskdefinitions;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.EcsAction;
import dev.localecs.api.Page;
import dev.localecs.api.PluginContext;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.TaskDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.pf4j.Extension;

/**
 * ListTaskDefinitions: ARNs of the revisions with the given status (ACTIVE by default), optionally of one
 * family ({@code familyPrefix} is the full family name, as on ECS), sorted by family and revision.
 */
@Extension
public final class ListTaskDefinitionsAction implements EcsAction {
    private static final Set<String> STATUSES = Set.of("ACTIVE", "INACTIVE", "DELETE_IN_PROGRESS");
    private final PluginContext context;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public ListTaskDefinitionsAction(PluginContext context) {
        this.context = context;
    }

    record Request(String familyPrefix, String status, String sort, String nextToken, Integer maxResults) {
    }

    @Override
    public String name() {
        return "ListTaskDefinitions";
    }

    @Override
    public Object handle(ActionRequest request) {
        Request body = request.bind(Request.class);
        String status = body.status() == null ? "ACTIVE" : body.status();
        if (!STATUSES.contains(status)) {
            throw EcsException.invalidParameter("Invalid status '" + status + "'. Valid values: "
                    + "ACTIVE, INACTIVE, DELETE_IN_PROGRESS.");
        }
        String sort = body.sort() == null ? "ASC" : body.sort();
        if (!sort.equals("ASC") && !sort.equals("DESC")) {
            throw EcsException.invalidParameter("Invalid sort '" + sort + "'. Valid values: ASC, DESC.");
        }
        List<String> families = body.familyPrefix() == null
                ? context.taskDefinitions().families() : List.of(body.familyPrefix());
        List<String> arns = new ArrayList<>();
        for (String family : families) {
            for (TaskDefinition revision : context.taskDefinitions().revisions(family)) {
                if (status.equals(revision.status())) {
                    arns.add(revision.taskDefinitionArn());
                }
            }
        }
        if (sort.equals("DESC")) {
            Collections.reverse(arns);
        }
        Page<String> page = Page.of(arns, body.maxResults(), body.nextToken(), 100, 100);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("taskDefinitionArns", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }
}
