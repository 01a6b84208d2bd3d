package dev.localecs.plugins.logs;

import static java.util.Objects.requireNonNull;

import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The embedded CloudWatch Logs data: the one owner of every group, stream and event. Requests change it under its
 * lock; {@link #flush()} takes what changed under the lock and writes it outside of it (the worker calls it every
 * flush interval, so requests never wait for the disk). Past the size bound the oldest events are dropped and
 * counted.
 */
final class LogStore {
    private final LogFiles files;
    private final long maxStoredBytes;
    private final Clock clock;
    private final Object flushing = new Object();
    private final TreeMap<String, LogGroup> groups = new TreeMap<>();
    private long nextFileId = 1;
    private long nextSeq = 1;
    private long storedBytes;
    private long dropped;
    private long lastDrop = Long.MIN_VALUE;
    private boolean metadataChanged;
    private final Set<Long> deletedFiles = new HashSet<>();

    private LogStore(LogFiles files, long maxStoredBytes, Clock clock) {
        this.files = requireNonNull(files, "files is null");
        this.maxStoredBytes = maxStoredBytes;
        this.clock = requireNonNull(clock, "clock is null");
    }

    /**
     * Opens the store, reading what an earlier run wrote.
     *
     * @param settings where and how big
     * @param clock the clock ingestion times come from
     * @return the store
     */
    static LogStore open(LogsSettings settings, Clock clock) {
        LogStore store = new LogStore(new LogFiles(settings.dir()), settings.maxStoredBytes(), clock);
        store.load();
        return store;
    }

    private void load() {
        Optional<LogFiles.Metadata> metadata = files.readMetadata();
        if (metadata.isEmpty()) {
            return;
        }
        Set<Long> live = new HashSet<>();
        for (LogFiles.GroupEntry entry : metadata.get().groups()) {
            LogGroup group = new LogGroup(entry.name(), entry.creationTime());
            group.retentionInDays(entry.retentionInDays());
            group.tags().putAll(entry.tags());
            for (LogFiles.StreamEntry streamEntry : entry.streams()) {
                LogStream stream = new LogStream(streamEntry.name(), streamEntry.creationTime(), streamEntry.fileId());
                List<LogEvent> events = files.readEvents(streamEntry.fileId());
                stream.restore(events, streamEntry.uploadSequence());
                events.forEach(event -> nextSeq = Math.max(nextSeq, event.seq() + 1));
                storedBytes += stream.storedBytes();
                group.streams().put(stream.name(), stream);
                live.add(stream.fileId());
            }
            groups.put(group.name(), group);
        }
        nextFileId = metadata.get().nextFileId();
        dropped = metadata.get().dropped();
        files.removeEventFilesExcept(live);
    }

    long now() {
        return clock.millis();
    }

    synchronized void createGroup(String name, Map<String, String> tags) {
        if (groups.containsKey(name)) {
            throw LogsErrors.groupExists();
        }
        LogGroup group = new LogGroup(name, now());
        group.tags().putAll(tags);
        groups.put(name, group);
        metadataChanged = true;
    }

    synchronized void deleteGroup(String name) {
        LogGroup group = groups.remove(name);
        if (group == null) {
            throw LogsErrors.groupNotFound();
        }
        group.streams().values().forEach(this::forget);
        metadataChanged = true;
    }

    synchronized void createStream(String groupName, String name) {
        LogGroup group = group(groupName);
        if (group.streams().containsKey(name)) {
            throw LogsErrors.streamExists();
        }
        group.streams().put(name, new LogStream(name, now(), nextFileId++));
        metadataChanged = true;
    }

    synchronized void deleteStream(String groupName, String name) {
        LogStream stream = group(groupName).streams().remove(name);
        if (stream == null) {
            throw LogsErrors.streamNotFound();
        }
        forget(stream);
        metadataChanged = true;
    }

    private void forget(LogStream stream) {
        storedBytes -= stream.storedBytes();
        deletedFiles.add(stream.fileId());
    }

    /**
     * Reads a group under the lock.
     *
     * @param groupName the group
     * @param reader what to read; must not keep references to the group's mutable parts
     * @param <T> the result
     * @return the result
     */
    synchronized <T> T read(String groupName, Function<LogGroup, T> reader) {
        return reader.apply(group(groupName));
    }

    /** Reads every group under the lock. */
    synchronized <T> T readAll(Function<Iterable<LogGroup>, T> reader) {
        return reader.apply(groups.values());
    }

    /** Changes a group's retention or tags under the lock. */
    synchronized void change(String groupName, Consumer<LogGroup> change) {
        change.accept(group(groupName));
        metadataChanged = true;
    }

    /**
     * Adds accepted events to a stream and applies the size bound.
     *
     * @param groupName the group
     * @param streamName the stream
     * @param accepted events as (timestamp, message), in order
     * @return the stream's upload count after this batch
     */
    synchronized long put(String groupName, String streamName, List<Map.Entry<Long, String>> accepted) {
        LogStream stream = stream(groupName, streamName);
        long ingestion = now();
        for (Map.Entry<Long, String> entry : accepted) {
            LogEvent event = new LogEvent(entry.getKey(), ingestion, nextSeq++, entry.getValue());
            stream.add(event);
            storedBytes += event.size();
        }
        long sequence = stream.nextUploadSequence();
        metadataChanged = true;
        enforceBound();
        return sequence;
    }

    /** Drops the oldest events (any stream) until the bound holds: from the oldest stream while it stays oldest. */
    private void enforceBound() {
        while (storedBytes > maxStoredBytes) {
            LogStream oldest = null;
            LogEvent runnerUp = null;
            for (LogGroup group : groups.values()) {
                for (LogStream stream : group.streams().values()) {
                    if (stream.events().isEmpty()) {
                        continue;
                    }
                    LogEvent first = stream.events().getFirst();
                    if (oldest == null || LogEvent.ORDER.compare(first, oldest.events().getFirst()) < 0) {
                        runnerUp = oldest == null ? null : oldest.events().getFirst();
                        oldest = stream;
                    } else if (runnerUp == null || LogEvent.ORDER.compare(first, runnerUp) < 0) {
                        runnerUp = first;
                    }
                }
            }
            if (oldest == null) {
                return;
            }
            int count = 0;
            long freed = 0;
            List<LogEvent> events = oldest.events();
            while (count < events.size() && storedBytes - freed > maxStoredBytes
                    && (runnerUp == null || LogEvent.ORDER.compare(events.get(count), runnerUp) < 0)) {
                freed += events.get(count).size();
                count++;
            }
            oldest.dropFirst(count);
            storedBytes -= freed;
            dropped += count;
            lastDrop = now();
        }
    }

    /**
     * Deletes the events past their group's retention.
     *
     * @return how many were deleted
     */
    synchronized int sweep() {
        long now = now();
        int deleted = 0;
        for (LogGroup group : groups.values()) {
            long from = group.retainedFrom(now);
            if (from == Long.MIN_VALUE) {
                continue;
            }
            for (LogStream stream : group.streams().values()) {
                long before = stream.storedBytes();
                deleted += stream.dropBefore(from);
                storedBytes -= before - stream.storedBytes();
            }
        }
        return deleted;
    }

    /** Events dropped so far (across restarts) to stay within the size bound. */
    synchronized long dropped() {
        return dropped;
    }

    /** When the size bound last dropped an event in this run (epoch milliseconds), if it did. */
    synchronized Optional<Long> lastDrop() {
        return lastDrop == Long.MIN_VALUE ? Optional.empty() : Optional.of(lastDrop);
    }

    synchronized long storedBytes() {
        return storedBytes;
    }

    long maxStoredBytes() {
        return maxStoredBytes;
    }

    LogGroup group(String name) {
        LogGroup group = groups.get(name);
        if (group == null) {
            throw LogsErrors.groupNotFound();
        }
        return group;
    }

    private LogStream stream(String groupName, String streamName) {
        LogStream stream = group(groupName).streams().get(streamName);
        if (stream == null) {
            throw LogsErrors.streamNotFound();
        }
        return stream;
    }

    /** Writes what changed since the last flush: the metadata first, then event files, then removals. */
    void flush() {
        synchronized (flushing) {
            Optional<LogFiles.Metadata> metadata;
            Map<LogStream, LogStream.FileChange> changes = new LinkedHashMap<>();
            Set<Long> live = new HashSet<>();
            boolean removals;
            synchronized (this) {
                for (LogGroup group : groups.values()) {
                    for (LogStream stream : group.streams().values()) {
                        stream.takeChange().ifPresent(change -> changes.put(stream, change));
                        live.add(stream.fileId());
                    }
                }
                metadata = metadataChanged || !changes.isEmpty() ? Optional.of(metadata()) : Optional.empty();
                metadataChanged = false;
                removals = !deletedFiles.isEmpty();
                deletedFiles.clear();
            }
            try {
                metadata.ifPresent(files::writeMetadata);
                changes.forEach((stream, change) -> files.writeEvents(stream.fileId(), change));
                if (removals) {
                    files.removeEventFilesExcept(live);
                }
            } catch (RuntimeException e) {
                synchronized (this) {
                    metadataChanged = true;
                    changes.keySet().forEach(LogStream::markForRewrite);
                }
                throw e;
            }
        }
    }

    private LogFiles.Metadata metadata() {
        List<LogFiles.GroupEntry> entries = new ArrayList<>();
        for (LogGroup group : groups.values()) {
            List<LogFiles.StreamEntry> streams = new ArrayList<>();
            for (LogStream stream : group.streams().values()) {
                streams.add(new LogFiles.StreamEntry(stream.name(), stream.creationTime(), stream.fileId(),
                        stream.uploadSequence()));
            }
            entries.add(new LogFiles.GroupEntry(group.name(), group.creationTime(), group.retentionInDays(),
                    Map.copyOf(group.tags()), streams));
        }
        return new LogFiles.Metadata(entries, nextFileId, dropped);
    }
}
