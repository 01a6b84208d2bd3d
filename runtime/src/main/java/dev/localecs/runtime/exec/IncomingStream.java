package dev.localecs.runtime.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * The client's stream ({@code input_stream_data}) put back in order: messages are delivered by sequence
 * number from 0, one that arrives early waits for the ones before it, and one delivered already (a
 * retransmission whose acknowledgement was lost) is dropped but acknowledged again. An early message that
 * finds the waiting room full is not acknowledged, so the client sends it again later.
 */
final class IncomingStream {
    private final int maxWaiting;
    private final TreeMap<Long, AgentMessage> waiting = new TreeMap<>();
    private long expected;

    /**
     * A stream.
     *
     * @param maxWaiting how many early messages are kept at most
     */
    IncomingStream(int maxWaiting) {
        this.maxWaiting = maxWaiting;
    }

    /**
     * Takes a message; answers those now deliverable, in order.
     *
     * @param message an input stream message
     * @return the messages to act on now (possibly none) and whether to acknowledge this one
     */
    synchronized Accepted accept(AgentMessage message) {
        long sequence = message.sequenceNumber();
        if (sequence < expected) {
            return new Accepted(List.of(), true);
        }
        if (sequence > expected) {
            if (waiting.containsKey(sequence) || waiting.size() < maxWaiting) {
                waiting.putIfAbsent(sequence, message);
                return new Accepted(List.of(), true);
            }
            return new Accepted(List.of(), false);
        }
        List<AgentMessage> ready = new ArrayList<>();
        ready.add(message);
        expected++;
        AgentMessage next;
        while ((next = waiting.remove(expected)) != null) {
            ready.add(next);
            expected++;
        }
        return new Accepted(List.copyOf(ready), true);
    }

    /**
     * The sequence number delivered next.
     *
     * @return the expected sequence number
     */
    synchronized long expected() {
        return expected;
    }

    /**
     * What {@link #accept(AgentMessage)} decided.
     *
     * @param ready the messages to act on now, in order
     * @param acknowledge whether to acknowledge the message taken
     */
    record Accepted(List<AgentMessage> ready, boolean acknowledge) {
    }
}
