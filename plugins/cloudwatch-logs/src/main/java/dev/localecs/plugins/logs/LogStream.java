package dev.localecs.plugins.logs;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * One log stream's events in chronological order, with what persisting it needs: how many events its file
 * already holds and whether the file must be rewritten (an event went in before others, or events were dropped).
 * Guarded by the {@link LogStore}'s lock.
 */
final class LogStream {
    private final String name;
    private final long creationTime;
    private final long fileId;
    private final List<LogEvent> events = new ArrayList<>();
    private long storedBytes;
    private long lastIngestionTime;
    private long uploadSequence;
    private int persisted;
    private boolean rewrite;

    LogStream(String name, long creationTime, long fileId) {
        this.name = name;
        this.creationTime = creationTime;
        this.fileId = fileId;
    }

    String name() {
        return name;
    }

    long creationTime() {
        return creationTime;
    }

    long fileId() {
        return fileId;
    }

    List<LogEvent> events() {
        return Collections.unmodifiableList(events);
    }

    long storedBytes() {
        return storedBytes;
    }

    Optional<Long> firstEventTimestamp() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.getFirst().timestamp());
    }

    Optional<Long> lastEventTimestamp() {
        return events.isEmpty() ? Optional.empty() : Optional.of(events.getLast().timestamp());
    }

    Optional<Long> lastIngestionTime() {
        return lastIngestionTime == 0 ? Optional.empty() : Optional.of(lastIngestionTime);
    }

    long uploadSequence() {
        return uploadSequence;
    }

    /** Adds an event at its chronological place. */
    void add(LogEvent event) {
        if (events.isEmpty() || LogEvent.ORDER.compare(events.getLast(), event) <= 0) {
            events.add(event);
        } else {
            int at = Collections.binarySearch(events, event, LogEvent.ORDER);
            events.add(at < 0 ? -at - 1 : at, event);
            rewrite = true;
        }
        storedBytes += event.size();
        lastIngestionTime = Math.max(lastIngestionTime, event.ingestionTime());
    }

    /** Counts one PutLogEvents batch. */
    long nextUploadSequence() {
        return ++uploadSequence;
    }

    /** Restores events read from the stream's file (already in order) and its upload count. */
    void restore(List<LogEvent> loaded, long sequence) {
        loaded.forEach(this::add);
        uploadSequence = sequence;
        persisted = events.size();
        rewrite = false;
    }

    /**
     * Drops the events before a time.
     *
     * @return the number dropped
     */
    int dropBefore(long timestamp) {
        int count = 0;
        while (count < events.size() && events.get(count).timestamp() < timestamp) {
            count++;
        }
        dropFirst(count);
        return count;
    }

    /** Drops the first (oldest) events. */
    void dropFirst(int count) {
        if (count == 0) {
            return;
        }
        List<LogEvent> head = events.subList(0, count);
        for (LogEvent event : head) {
            storedBytes -= event.size();
        }
        head.clear();
        rewrite = true;
    }

    /**
     * What the stream's file needs, taken under the store's lock; marks it as written.
     *
     * @return the events to write, and whether they replace the file or are appended to it; empty when in step
     */
    Optional<FileChange> takeChange() {
        if (!rewrite && persisted == events.size()) {
            return Optional.empty();
        }
        FileChange change = rewrite ? new FileChange(true, List.copyOf(events))
                : new FileChange(false, List.copyOf(events.subList(persisted, events.size())));
        persisted = events.size();
        rewrite = false;
        return Optional.of(change);
    }

    /** After a failed write: the whole file is written again next time. */
    void markForRewrite() {
        rewrite = true;
    }

    /**
     * Events to write to the stream's file.
     *
     * @param replace whether they replace the file (else they are appended)
     * @param events the events
     */
    record FileChange(boolean replace, List<LogEvent> events) {
    }
}
