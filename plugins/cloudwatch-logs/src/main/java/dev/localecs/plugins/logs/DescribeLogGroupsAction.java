package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/** DescribeLogGroups: groups in name order, by prefix or by a substring pattern, paged (at most 50). */
@Extension
public final class DescribeLogGroupsAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeLogGroupsAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "DescribeLogGroups";
    }

    record Request(String logGroupNamePrefix, String logGroupNamePattern, String nextToken, Integer limit) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        if (body.logGroupNamePrefix() != null && body.logGroupNamePattern() != null) {
            throw LogsErrors.invalid("LogGroup name prefix and LogGroup name pattern are mutually exclusive "
                    + "parameters.");
        }
        List<Map<String, Object>> all = store.readAll(groups -> {
            List<Map<String, Object>> views = new ArrayList<>();
            for (LogGroup group : groups) {
                if ((body.logGroupNamePrefix() == null || group.name().startsWith(body.logGroupNamePrefix()))
                        && (body.logGroupNamePattern() == null || group.name().contains(body.logGroupNamePattern()))) {
                    views.add(view(group));
                }
            }
            return views;
        });
        Paging<Map<String, Object>> page = Paging.of(all, body.limit(), body.nextToken(), 50);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("logGroups", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private Map<String, Object> view(LogGroup group) {
        String arn = LogsNames.groupArn(context().arns(), group.name());
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("logGroupName", group.name());
        view.put("creationTime", group.creationTime());
        group.retentionInDays().ifPresent(days -> view.put("retentionInDays", days));
        view.put("metricFilterCount", 0);
        view.put("arn", arn + ":*");
        view.put("storedBytes", group.storedBytes());
        view.put("logGroupClass", "STANDARD");
        view.put("logGroupArn", arn);
        return view;
    }
}
