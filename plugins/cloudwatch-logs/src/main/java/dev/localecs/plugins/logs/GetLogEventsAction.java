package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * GetLogEvents: one stream's events between startTime (inclusive) and endTime (exclusive), paged as
 * {@link EventPages} describes; events past the group's retention are never shown.
 */
@Extension
public final class GetLogEventsAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public GetLogEventsAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "GetLogEvents";
    }

    record Request(String logGroupName, String logGroupIdentifier, String logStreamName, Long startTime, Long endTime,
                   String nextToken, Integer limit, Boolean startFromHead, Boolean unmask) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = LogsNames.groupOf(body.logGroupName(), body.logGroupIdentifier());
        String streamName = LogsNames.stream(body.logStreamName());
        if (body.limit() != null && (body.limit() < 1 || body.limit() > EventPages.MAX_LIMIT)) {
            throw LogsErrors.constraint("limit", body.limit(), "have value between 1 and " + EventPages.MAX_LIMIT);
        }
        EventTokens.Token token = body.nextToken() == null ? null : EventTokens.parse(body.nextToken());
        long now = store.now();
        EventPages.Result page = store.read(group, logGroup -> {
            LogStream stream = logGroup.streams().get(streamName);
            if (stream == null) {
                throw LogsErrors.streamNotFound();
            }
            long from = Math.max(logGroup.retainedFrom(now), body.startTime() == null ? Long.MIN_VALUE : body.startTime());
            long to = body.endTime() == null ? Long.MAX_VALUE : body.endTime();
            return EventPages.page(stream.events(), from, to, body.limit() == null ? EventPages.MAX_LIMIT : body.limit(),
                    token, Boolean.TRUE.equals(body.startFromHead()));
        });
        List<Map<String, Object>> events = new ArrayList<>();
        for (LogEvent event : page.events()) {
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("timestamp", event.timestamp());
            view.put("message", event.message());
            view.put("ingestionTime", event.ingestionTime());
            events.add(view);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("events", events);
        response.put("nextForwardToken", page.nextForwardToken());
        response.put("nextBackwardToken", page.nextBackwardToken());
        return response;
    }
}
