package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * PutRetentionPolicy: events older than the period are hidden from reads at once and deleted by the worker's
 * sweep. The period is one of CloudWatch's values.
 */
@Extension
public final class PutRetentionPolicyAction extends LogsAction {
    static final List<Integer> PERIODS = List.of(1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096,
            1827, 2192, 2557, 2922, 3288, 3653);

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public PutRetentionPolicyAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "PutRetentionPolicy";
    }

    record Request(String logGroupName, Integer retentionInDays) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = LogsNames.group(body.logGroupName(), "logGroupName");
        if (body.retentionInDays() == null) {
            throw LogsErrors.missing("retentionInDays");
        }
        if (!PERIODS.contains(body.retentionInDays())) {
            throw LogsErrors.constraint("retentionInDays", body.retentionInDays(), "satisfy enum value set: " + PERIODS);
        }
        store.change(group, logGroup -> logGroup.retentionInDays(Optional.of(body.retentionInDays())));
        return Map.of();
    }
}
