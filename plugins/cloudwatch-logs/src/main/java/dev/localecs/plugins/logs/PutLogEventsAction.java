package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * PutLogEvents with CloudWatch's rules: 1 to 10,000 events in chronological order spanning at most 24 hours, at
 * most 1,048,576 bytes (each event's UTF-8 message plus 26). Events more than 2 hours in the future, more than
 * 14 days old or older than the group's retention are not stored and are reported in
 * {@code rejectedLogEventsInfo}. The sequence token is accepted and ignored, as CloudWatch now does.
 */
@Extension
public final class PutLogEventsAction extends LogsAction {
    static final int MAX_EVENTS = 10_000;
    static final int MAX_BATCH_BYTES = 1_048_576;
    static final int MAX_EVENT_BYTES = 262_144;
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;

    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public PutLogEventsAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "PutLogEvents";
    }

    record InputEvent(Long timestamp, String message) {
    }

    record Request(String logGroupName, String logStreamName, List<InputEvent> logEvents, String sequenceToken) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = LogsNames.group(body.logGroupName(), "logGroupName");
        String stream = LogsNames.stream(body.logStreamName());
        List<InputEvent> events = validate(body.logEvents());
        long now = store.now();
        long retained = store.read(group, logGroup -> {
            if (!logGroup.streams().containsKey(stream)) {
                throw LogsErrors.streamNotFound();
            }
            return logGroup.retainedFrom(now);
        });
        int tooOldEnd = -1;
        int expiredEnd = -1;
        int tooNewStart = -1;
        List<Map.Entry<Long, String>> accepted = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            long timestamp = events.get(i).timestamp();
            if (timestamp > now + 2 * HOUR) {
                tooNewStart = tooNewStart < 0 ? i : tooNewStart;
            } else if (timestamp < now - 14 * DAY) {
                tooOldEnd = i;
            } else if (timestamp < retained) {
                expiredEnd = i;
            } else {
                accepted.add(Map.entry(timestamp, events.get(i).message()));
            }
        }
        long sequence = store.put(group, stream, accepted);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("nextSequenceToken", Long.toString(sequence));
        Map<String, Object> rejected = new LinkedHashMap<>();
        if (tooNewStart >= 0) {
            rejected.put("tooNewLogEventStartIndex", tooNewStart);
        }
        if (tooOldEnd >= 0) {
            rejected.put("tooOldLogEventEndIndex", tooOldEnd);
        }
        if (expiredEnd >= 0) {
            rejected.put("expiredLogEventEndIndex", expiredEnd);
        }
        if (!rejected.isEmpty()) {
            response.put("rejectedLogEventsInfo", rejected);
        }
        return response;
    }

    private static List<InputEvent> validate(List<InputEvent> events) {
        if (events == null) {
            throw LogsErrors.missing("logEvents");
        }
        if (events.isEmpty() || events.size() > MAX_EVENTS) {
            throw LogsErrors.constraint("logEvents", events.size() + " events",
                    "have length between 1 and " + MAX_EVENTS);
        }
        long bytes = 0;
        for (InputEvent event : events) {
            if (event == null || event.timestamp() == null || event.message() == null) {
                throw LogsErrors.missing(event == null || event.timestamp() == null
                        ? "logEvents.member.timestamp" : "logEvents.member.message");
            }
            if (event.message().isEmpty()) {
                throw LogsErrors.constraint("logEvents.member.message", "", "have length greater than or equal to 1");
            }
            int size = new LogEvent(event.timestamp(), 0, 0, event.message()).size();
            if (size > MAX_EVENT_BYTES) {
                throw LogsErrors.invalid("Log event too large: " + size + " bytes exceeds limit of " + MAX_EVENT_BYTES);
            }
            bytes += size;
        }
        if (bytes > MAX_BATCH_BYTES) {
            throw LogsErrors.invalid("Upload too large: " + bytes + " bytes exceeds limit of " + MAX_BATCH_BYTES);
        }
        for (int i = 1; i < events.size(); i++) {
            if (events.get(i).timestamp() < events.get(i - 1).timestamp()) {
                throw LogsErrors.invalid("Log events in a single PutLogEvents request must be in chronological order.");
            }
        }
        if (events.getLast().timestamp() - events.getFirst().timestamp() > DAY) {
            throw LogsErrors.invalid("The batch of log events in a single PutLogEvents request cannot span more than "
                    + "24 hours.");
        }
        return events;
    }
}
