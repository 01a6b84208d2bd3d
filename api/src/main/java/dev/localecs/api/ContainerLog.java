package dev.localecs.api;

import java.util.concurrent.CompletionStage;

/**
 * The receiving end of one container's output, opened by a {@link ContainerLogSink}. The runtime hands it every
 * line the container writes, in order, from one thread, then calls {@link #end()} once when the output has
 * ended (the container stopped).
 */
public interface ContainerLog {

    /**
     * One line. It may block while the sink's bounded buffer is full: the runtime then reads the engine's output
     * more slowly (the container itself never waits: its engine keeps the output), so memory stays bounded
     * however fast the container writes.
     *
     * @param line the line
     * @throws InterruptedException when the runtime gives up waiting (shutdown)
     */
    void accept(OutputLine line) throws InterruptedException;

    /**
     * The output has ended: whatever is buffered is delivered now.
     *
     * @return completes once every accepted line has been delivered (or given up on, after the sink's own
     *     retries); the task is reported STOPPED only after it completes, or after
     *     {@code logs.stop-wait-seconds} have passed
     */
    CompletionStage<Void> end();
}
