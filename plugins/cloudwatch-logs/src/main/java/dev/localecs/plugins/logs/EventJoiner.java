package dev.localecs.plugins.logs;

import dev.localecs.api.OutputLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a container's lines into events as Docker's awslogs driver does. Without a multiline pattern each
 * non-empty line is an event. With one, a line matching it starts a new event and the lines that follow join it
 * (each followed by a line break) until the next match or a flush. An event never exceeds CloudWatch's 256 KiB
 * (a longer line is split), and timestamps never go backwards (a line stamped before the previous event keeps the
 * previous event's time), so events stay in the order they were written.
 */
final class EventJoiner {
    /** CloudWatch's largest event, minus the 26 bytes it counts for each. */
    static final int MAX_MESSAGE_BYTES = PutLogEventsAction.MAX_EVENT_BYTES - LogEvent.OVERHEAD;

    private final Optional<Pattern> multiline;
    private final StringBuilder pending = new StringBuilder();
    private int pendingBytes;
    private long pendingTimestamp;
    private long lastTimestamp = Long.MIN_VALUE;

    EventJoiner(Optional<Pattern> multiline) {
        this.multiline = multiline;
    }

    /**
     * One line.
     *
     * @param line the line
     * @return the events it completes, in order
     */
    List<OutgoingEvent> line(OutputLine line) {
        List<OutgoingEvent> out = new ArrayList<>(1);
        long timestamp = Math.max(line.timestamp().toEpochMilli(), lastTimestamp);
        String text = line.text();
        if (multiline.isEmpty()) {
            split(text, timestamp, out);
            return out;
        }
        if (pendingBytes == 0 || multiline.get().matcher(text).find()) {
            flush(out);
            pendingTimestamp = timestamp;
        }
        String withBreak = text + "\n";
        int bytes = utf8Length(withBreak);
        if (pendingBytes + bytes > MAX_MESSAGE_BYTES) {
            flush(out);
            pendingTimestamp = timestamp;
            if (bytes > MAX_MESSAGE_BYTES) {
                split(withBreak, timestamp, out);
                return out;
            }
        }
        pending.append(withBreak);
        pendingBytes += bytes;
        return out;
    }

    /**
     * The event being joined, if any, as it is now (nothing more is coming for a while, or the output ended).
     *
     * @return the event, or empty
     */
    Optional<OutgoingEvent> flush() {
        List<OutgoingEvent> out = new ArrayList<>(1);
        flush(out);
        return out.stream().findFirst();
    }

    /** Whether an event is being joined. */
    boolean pending() {
        return pendingBytes > 0;
    }

    private void flush(List<OutgoingEvent> out) {
        if (pendingBytes > 0) {
            emit(pending.toString(), pendingTimestamp, out);
            pending.setLength(0);
            pendingBytes = 0;
        }
    }

    /** A message, split into pieces CloudWatch takes; empty messages are not events. */
    private void split(String text, long timestamp, List<OutgoingEvent> out) {
        if (utf8Length(text) <= MAX_MESSAGE_BYTES) {
            emit(text, timestamp, out);
            return;
        }
        int start = 0;
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            int size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
            if (bytes + size > MAX_MESSAGE_BYTES) {
                emit(text.substring(start, i), timestamp, out);
                start = i;
                bytes = 0;
            }
            bytes += size;
            i += Character.charCount(cp);
        }
        emit(text.substring(start), timestamp, out);
    }

    private void emit(String message, long timestamp, List<OutgoingEvent> out) {
        if (message.isEmpty()) {
            return;
        }
        lastTimestamp = Math.max(lastTimestamp, timestamp);
        out.add(OutgoingEvent.of(lastTimestamp, message));
    }

    private static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
