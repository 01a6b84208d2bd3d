package dev.localecs.runtime.exec;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The runtime's side of the stream to the client ({@code output_stream_data}): sequence numbers from 0, every
 * message kept until the client acknowledges it, and sent again when no acknowledgement came within the
 * retransmission timeout. A message sent {@code maxAttempts} times without an acknowledgement means the
 * client is gone ({@link Due#exhausted()}). At most {@code capacity} messages wait for acknowledgement: the
 * next one waits until the client acknowledges some, which slows the command's output down to what the
 * client takes (the SSM agent bounds its buffer the same way).
 */
final class OutgoingStream {
    private final long timeoutMillis;
    private final int maxAttempts;
    private final int capacity;
    private final Map<UUID, Pending> unacknowledged = new LinkedHashMap<>();
    private long nextSequence;
    private boolean closed;

    /**
     * A stream.
     *
     * @param timeout how long to wait for an acknowledgement before sending again
     * @param maxAttempts how many times one message is sent at most
     * @param capacity how many messages may wait for acknowledgement
     */
    OutgoingStream(Duration timeout, int maxAttempts, int capacity) {
        if (timeout.isNegative() || timeout.isZero() || maxAttempts < 1 || capacity < 1) {
            throw new IllegalArgumentException("timeout must be positive, maxAttempts and capacity at least 1");
        }
        this.timeoutMillis = timeout.toMillis();
        this.maxAttempts = maxAttempts;
        this.capacity = capacity;
    }

    /**
     * The next message of the stream (SYN on the first), kept until acknowledged; the caller sends it.
     *
     * @param payloadType the payload type
     * @param payload the payload
     * @param nowMillis the current time (epoch milliseconds)
     * @return the message to send, or empty when the stream was closed while waiting for room
     * @throws InterruptedException when interrupted while waiting for room
     */
    synchronized Optional<AgentMessage> next(PayloadType payloadType, byte[] payload, long nowMillis)
            throws InterruptedException {
        while (!closed && unacknowledged.size() >= capacity) {
            wait();
        }
        if (closed) {
            return Optional.empty();
        }
        long sequence = nextSequence++;
        AgentMessage message = AgentMessage.create(MessageTypes.OUTPUT_STREAM_DATA, sequence,
                sequence == 0 ? AgentMessage.FLAG_SYN : 0, payloadType, payload, nowMillis);
        unacknowledged.put(message.messageId(), new Pending(message, nowMillis));
        return Optional.of(message);
    }

    /** Ends the stream: nothing more is sent, and a writer waiting for room returns. */
    synchronized void close() {
        closed = true;
        notifyAll();
    }

    /**
     * Records an acknowledgement. Only the message id counts: clients acknowledge their own acknowledgements
     * too (the {@code ssm-session} library does), and those carry sequence numbers of the other stream.
     *
     * @param messageId the acknowledged message's id
     * @return whether it acknowledged a message still waiting
     */
    synchronized boolean acknowledge(UUID messageId) {
        boolean removed = unacknowledged.remove(messageId) != null;
        if (removed) {
            notifyAll();
        }
        return removed;
    }

    /**
     * The messages to send again now (their timeout passed), oldest first.
     *
     * @param nowMillis the current time
     * @return what to send, and whether some message went unacknowledged too often
     */
    synchronized Due due(long nowMillis) {
        List<AgentMessage> resend = new ArrayList<>();
        boolean exhausted = false;
        for (Iterator<Pending> it = unacknowledged.values().iterator(); it.hasNext(); ) {
            Pending pending = it.next();
            if (nowMillis - pending.sentAt < timeoutMillis) {
                continue;
            }
            if (pending.attempts >= maxAttempts) {
                exhausted = true;
                continue;
            }
            pending.sentAt = nowMillis;
            pending.attempts++;
            resend.add(pending.message);
        }
        return new Due(List.copyOf(resend), exhausted);
    }

    /**
     * Whether every message sent so far is acknowledged.
     *
     * @return true when nothing waits
     */
    synchronized boolean drained() {
        return unacknowledged.isEmpty();
    }

    /**
     * What {@link #due(long)} found.
     *
     * @param resend the messages to send again
     * @param exhausted whether a message reached the attempt limit unacknowledged
     */
    record Due(List<AgentMessage> resend, boolean exhausted) {
    }

    private static final class Pending {
        final AgentMessage message;
        long sentAt;
        int attempts = 1;

        Pending(AgentMessage message, long sentAt) {
            this.message = message;
            this.sentAt = sentAt;
        }
    }
}
