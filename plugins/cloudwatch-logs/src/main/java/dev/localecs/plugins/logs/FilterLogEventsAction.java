package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.pf4j.Extension;

/**
 * FilterLogEvents: the events of a group's streams (all, named ones, or by prefix) between startTime and endTime
 * (both inclusive) that match the filter pattern, interleaved in time order, paged with {@code nextToken}
 * (absent on the last page).
 */
@Extension
public final class FilterLogEventsAction extends LogsAction {
    private static final String TOKEN_PREFIX = "local-ecs-api:filter:";

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public FilterLogEventsAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "FilterLogEvents";
    }

    record Request(String logGroupName, String logGroupIdentifier, List<String> logStreamNames,
                   String logStreamNamePrefix, Long startTime, Long endTime, String filterPattern, String nextToken,
                   Integer limit, Boolean interleaved, Boolean unmask) {
    }

    private record Hit(String stream, LogEvent event) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = LogsNames.groupOf(body.logGroupName(), body.logGroupIdentifier());
        if (body.logStreamNames() != null && body.logStreamNamePrefix() != null) {
            throw LogsErrors.invalid("logStreamNames and logStreamNamePrefix are mutually exclusive parameters.");
        }
        if (body.logStreamNames() != null && (body.logStreamNames().isEmpty() || body.logStreamNames().size() > 100)) {
            throw LogsErrors.constraint("logStreamNames", body.logStreamNames(), "have length between 1 and 100");
        }
        if (body.limit() != null && (body.limit() < 1 || body.limit() > EventPages.MAX_LIMIT)) {
            throw LogsErrors.constraint("limit", body.limit(), "have value between 1 and " + EventPages.MAX_LIMIT);
        }
        Predicate<String> pattern = FilterPattern.parse(body.filterPattern());
        EventKey after = body.nextToken() == null ? EventKey.at(Long.MIN_VALUE) : decode(body.nextToken());
        int limit = body.limit() == null ? EventPages.MAX_LIMIT : body.limit();
        long now = store.now();
        List<Hit> hits = store.read(group, logGroup -> {
            long from = Math.max(logGroup.retainedFrom(now), body.startTime() == null ? Long.MIN_VALUE : body.startTime());
            long to = body.endTime() == null ? Long.MAX_VALUE : body.endTime();
            List<Hit> found = new ArrayList<>();
            for (LogStream stream : logGroup.streams().values()) {
                boolean chosen = body.logStreamNames() != null ? body.logStreamNames().contains(stream.name())
                        : body.logStreamNamePrefix() == null || stream.name().startsWith(body.logStreamNamePrefix());
                if (!chosen) {
                    continue;
                }
                int taken = 0;
                for (LogEvent event : stream.events()) {
                    if (taken > limit || event.timestamp() > to) {
                        break;
                    }
                    if (event.timestamp() >= from && !after.isAfter(event) && pattern.test(event.message())) {
                        found.add(new Hit(stream.name(), event));
                        taken++;
                    }
                }
            }
            return found;
        });
        hits.sort((a, b) -> LogEvent.ORDER.compare(a.event(), b.event()));
        List<Map<String, Object>> events = new ArrayList<>();
        int bytes = 0;
        int shown = 0;
        while (shown < hits.size() && shown < limit && (bytes += hits.get(shown).event().size()) <= EventPages.MAX_BYTES) {
            Hit hit = hits.get(shown++);
            Map<String, Object> view = new LinkedHashMap<>();
            view.put("logStreamName", hit.stream());
            view.put("timestamp", hit.event().timestamp());
            view.put("message", hit.event().message());
            view.put("ingestionTime", hit.event().ingestionTime());
            view.put("eventId", hit.event().eventId());
            events.add(view);
        }
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("events", events);
        if (shown < hits.size()) {
            response.put("nextToken", encode(EventKey.after(hits.get(shown - 1).event())));
        }
        return response;
    }

    private static String encode(EventKey key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(
                (TOKEN_PREFIX + key.timestamp() + ":" + key.seq()).getBytes(StandardCharsets.UTF_8));
    }

    private static EventKey decode(String token) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(token),
                    StandardCharsets.UTF_8);
            String[] parts = text.substring(TOKEN_PREFIX.length()).split(":");
            if (!text.startsWith(TOKEN_PREFIX) || parts.length != 2) {
                throw LogsErrors.invalid("The specified nextToken is invalid.");
            }
            return new EventKey(Long.parseLong(parts[0]), Long.parseLong(parts[1]));
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            throw LogsErrors.invalid("The specified nextToken is invalid.");
        }
    }
}
