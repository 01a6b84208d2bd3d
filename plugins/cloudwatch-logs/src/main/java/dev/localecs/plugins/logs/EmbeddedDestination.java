package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.api.error.LogDriverException;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** Delivers into the embedded store: what the plugin's CloudWatch Logs API answers from. */
final class EmbeddedDestination implements LogDestination {
    private final LogStore store;

    EmbeddedDestination(LogStore store) {
        this.store = requireNonNull(store, "store is null");
    }

    @Override
    public void prepare(String group, String stream, boolean createGroup) {
        try {
            LogsNames.group(group, "logGroupName");
            LogsNames.stream(stream);
            if (createGroup) {
                try {
                    store.createGroup(group, Map.of());
                } catch (EcsException e) {
                    if (e.code() != ErrorCode.RESOURCE_ALREADY_EXISTS) {
                        throw e;
                    }
                }
            }
            store.createStream(group, stream);
        } catch (EcsException e) {
            if (e.code() == ErrorCode.RESOURCE_ALREADY_EXISTS) {
                return;
            }
            throw new LogDriverException("failed to create Cloudwatch log stream: " + e.code().awsCode() + ": "
                    + e.getMessage(), e);
        }
    }

    @Override
    public OptionalLong lastTimestamp(String group, String stream) {
        return store.read(group, logGroup -> {
            LogStream found = logGroup.streams().get(stream);
            return found == null || found.events().isEmpty() ? OptionalLong.empty()
                    : OptionalLong.of(found.events().getLast().timestamp());
        });
    }

    @Override
    public void put(String group, String stream, List<OutgoingEvent> batch) {
        store.put(group, stream, batch.stream().map(e -> Map.entry(e.timestamp(), e.message())).toList());
    }
}
