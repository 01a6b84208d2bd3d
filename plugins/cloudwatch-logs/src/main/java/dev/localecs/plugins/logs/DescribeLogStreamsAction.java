package dev.localecs.plugins.logs;

import dev.localecs.api.ActionRequest;
import dev.localecs.api.PluginContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.pf4j.Extension;

/**
 * DescribeLogStreams: a group's streams by name (with a prefix) or by last event time, ascending or descending,
 * paged (at most 50). CloudWatch refuses a prefix together with ordering by event time.
 */
@Extension
public final class DescribeLogStreamsAction extends LogsAction {
    /**
     * Creates the action.
     *
     * @param context the runtime's services
     */
    public DescribeLogStreamsAction(PluginContext context) {
        super(context);
    }

    @Override
    public String name() {
        return "DescribeLogStreams";
    }

    record Request(String logGroupName, String logGroupIdentifier, String logStreamNamePrefix, String orderBy,
                   Boolean descending, String nextToken, Integer limit) {
    }

    @Override
    Object handle(ActionRequest request, LogStore store) {
        Request body = request.bind(Request.class);
        String group = LogsNames.groupOf(body.logGroupName(), body.logGroupIdentifier());
        String orderBy = body.orderBy() == null ? "LogStreamName" : body.orderBy();
        if (!orderBy.equals("LogStreamName") && !orderBy.equals("LastEventTime")) {
            throw LogsErrors.constraint("orderBy", orderBy, "satisfy enum value set: [LogStreamName, LastEventTime]");
        }
        if (orderBy.equals("LastEventTime") && body.logStreamNamePrefix() != null) {
            throw LogsErrors.invalid("Cannot order by LastEventTime with a logStreamNamePrefix.");
        }
        List<Map<String, Object>> all = store.read(group, logGroup -> {
            List<LogStream> streams = new ArrayList<>(logGroup.streams().values());
            streams.removeIf(s -> body.logStreamNamePrefix() != null && !s.name().startsWith(body.logStreamNamePrefix()));
            Comparator<LogStream> order = orderBy.equals("LogStreamName") ? Comparator.comparing(LogStream::name)
                    : Comparator.comparingLong((LogStream s) -> s.lastEventTimestamp().orElse(Long.MIN_VALUE))
                            .thenComparing(LogStream::name);
            streams.sort(Boolean.TRUE.equals(body.descending()) ? order.reversed() : order);
            List<Map<String, Object>> views = new ArrayList<>();
            streams.forEach(stream -> views.add(view(group, stream)));
            return views;
        });
        Paging<Map<String, Object>> page = Paging.of(all, body.limit(), body.nextToken(), 50);
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("logStreams", page.items());
        page.nextToken().ifPresent(token -> response.put("nextToken", token));
        return response;
    }

    private Map<String, Object> view(String group, LogStream stream) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("logStreamName", stream.name());
        view.put("creationTime", stream.creationTime());
        stream.firstEventTimestamp().ifPresent(time -> view.put("firstEventTimestamp", time));
        stream.lastEventTimestamp().ifPresent(time -> view.put("lastEventTimestamp", time));
        stream.lastIngestionTime().ifPresent(time -> view.put("lastIngestionTime", time));
        if (stream.uploadSequence() > 0) {
            view.put("uploadSequenceToken", Long.toString(stream.uploadSequence()));
        }
        view.put("arn", LogsNames.streamArn(context().arns(), group, stream.name()));
        view.put("storedBytes", stream.storedBytes());
        return view;
    }
}
