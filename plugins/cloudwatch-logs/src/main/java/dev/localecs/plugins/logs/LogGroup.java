package dev.localecs.plugins.logs;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One log group: its streams by name, retention and tags. Guarded by the {@link LogStore}'s lock. */
final class LogGroup {
    private static final long DAY_MILLIS = 86_400_000L;

    private final String name;
    private final long creationTime;
    private final TreeMap<String, LogStream> streams = new TreeMap<>();
    private final TreeMap<String, String> tags = new TreeMap<>();
    private Integer retentionInDays;

    LogGroup(String name, long creationTime) {
        this.name = name;
        this.creationTime = creationTime;
    }

    String name() {
        return name;
    }

    long creationTime() {
        return creationTime;
    }

    TreeMap<String, LogStream> streams() {
        return streams;
    }

    Map<String, String> tags() {
        return tags;
    }

    Optional<Integer> retentionInDays() {
        return Optional.ofNullable(retentionInDays);
    }

    void retentionInDays(Optional<Integer> days) {
        retentionInDays = days.orElse(null);
    }

    /**
     * The oldest event time still visible under the retention policy.
     *
     * @param now epoch milliseconds
     * @return the cut-off; {@link Long#MIN_VALUE} without a policy
     */
    long retainedFrom(long now) {
        return retentionInDays == null ? Long.MIN_VALUE : now - retentionInDays * DAY_MILLIS;
    }

    long storedBytes() {
        return streams.values().stream().mapToLong(LogStream::storedBytes).sum();
    }
}
