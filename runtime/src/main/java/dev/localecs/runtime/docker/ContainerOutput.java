package dev.localecs.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import dev.localecs.api.OutputLine;
import dev.localecs.runtime.tasks.TaskEngine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;

/**
 * Follows one container's output with Docker's logs API ({@code follow}, {@code timestamps}), reading the engine's
 * local log driver (so {@code docker logs} sees the same lines). Each entry Docker sends is one frame,
 * {@code <RFC 3339 nano timestamp> <text>}, ending with a line break unless Docker split a long line (16 KiB);
 * the pieces of a split line are joined again. The receiver is called on the reading thread, so a slow receiver
 * slows the reading (the connection's flow control), never the container. A stream that drops while the
 * container runs (an idle connection timing out, an engine restart) is followed again from the last timestamp, and
 * once the container has stopped its log is read once more from there, since Docker may end a follow early.
 */
final class ContainerOutput {
    private static final Logger LOG = Logger.getLogger(ContainerOutput.class.getName());
    private static final int MAX_RECONNECTS = 20;

    private final DockerClient docker;

    ContainerOutput(DockerClient docker) {
        this.docker = docker;
    }

    void follow(String containerId, TaskEngine.OutputReceiver receiver) throws InterruptedException {
        Decoder decoder = new Decoder(receiver);
        for (int attempt = 0; attempt <= MAX_RECONNECTS; attempt++) {
            boolean completed = stream(containerId, decoder, true);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (completed && !running(containerId)) {
                break;
            }
            Thread.sleep(Math.min(100L << Math.min(attempt, 6), 5_000));
        }
        // Docker may end a follow when the container stops before the reader has reached the end of its log (a
        // fast burst): one more read, without follow, from the last line delivered
        stream(containerId, decoder, false);
        decoder.finish();
    }

    /** One logs call; true when Docker ended the stream itself (the container stopped). */
    private boolean stream(String containerId, Decoder decoder, boolean follow) throws InterruptedException {
        AtomicReference<InterruptedException> interrupted = new AtomicReference<>();
        var cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(follow)
                .withTimestamps(true);
        decoder.last().ifPresent(since -> {
            cmd.withSince((int) since.getEpochSecond());
            decoder.resume();
        });
        ResultCallback.Adapter<Frame> callback = new ResultCallback.Adapter<>() {
            @Override
            public void onNext(Frame frame) {
                try {
                    decoder.frame(frame);
                } catch (InterruptedException e) {
                    interrupted.set(e);
                    Thread.currentThread().interrupt();
                    try {
                        close();
                    } catch (IOException ignored) {
                        // closing a dropped stream
                    }
                }
            }
        };
        try {
            cmd.exec(callback).awaitCompletion();
        } catch (NotFoundException e) {
            return true;
        } catch (RuntimeException e) {
            LOG.fine(() -> "Output of " + containerId + " dropped: " + e.getMessage());
            return false;
        }
        if (interrupted.get() != null) {
            throw interrupted.get();
        }
        return true;
    }

    private boolean running(String containerId) {
        try {
            return Boolean.TRUE.equals(docker.inspectContainerCmd(containerId).exec().getState().getRunning());
        } catch (RuntimeException e) {
            return false; // removed, or the engine cannot say: nothing more to follow
        }
    }

    /**
     * Turns Docker's output into lines. docker-java hands the output over in frames that need not follow Docker's
     * entries (a frame may end inside a timestamp), so each stream is read as bytes: every entry is
     * {@code <RFC 3339 nano timestamp> <text>}, ended by a line break, unless Docker split a long line into
     * entries of 16 KiB of text, whose continuations' timestamps are dropped so the pieces join again. Entries at
     * or before the last delivered timestamp are skipped after a reconnection (its {@code since} has second
     * precision).
     */
    static final class Decoder {
        /** Docker's log entries carry at most this much text; a longer line continues in the next entry. */
        static final int DOCKER_ENTRY_BYTES = 16 * 1024;
        private static final int TIMESTAMP_MAX = 40;

        private final TaskEngine.OutputReceiver receiver;
        private final Map<OutputLine.Source, Partial> partial = new EnumMap<>(OutputLine.Source.class);
        private Instant last;
        private Instant resumeAfter;

        Decoder(TaskEngine.OutputReceiver receiver) {
            this.receiver = receiver;
        }

        Optional<Instant> last() {
            return Optional.ofNullable(last);
        }

        /** The stream is read again from {@link #last()}: entries up to it were delivered already. */
        void resume() {
            resumeAfter = last;
            partial.clear();
        }

        void frame(Frame frame) throws InterruptedException {
            OutputLine.Source source = frame.getStreamType() == StreamType.STDERR ? OutputLine.Source.STDERR
                    : OutputLine.Source.STDOUT;
            Partial p = partial.computeIfAbsent(source, s -> new Partial());
            for (byte b : frame.getPayload()) {
                p.take(b, source);
            }
        }

        /** The stream has ended: a last line without a line break is a line too. */
        void finish() throws InterruptedException {
            for (Map.Entry<OutputLine.Source, Partial> e : partial.entrySet()) {
                e.getValue().finish(e.getKey());
            }
        }

        private void emit(OutputLine.Source source, Instant timestamp, String text) throws InterruptedException {
            if (resumeAfter != null) {
                if (!timestamp.isAfter(resumeAfter)) {
                    return;
                }
                resumeAfter = null;
            }
            if (last == null || timestamp.isAfter(last)) {
                last = timestamp;
            }
            receiver.line(new OutputLine(timestamp, source, text));
        }

        /** One stream's line in progress. */
        private final class Partial {
            private final ByteArrayOutputStream header = new ByteArrayOutputStream(TIMESTAMP_MAX);
            private final ByteArrayOutputStream text = new ByteArrayOutputStream();
            /** reading a timestamp: at a line's start, or after a full 16 KiB entry (a continuation's) */
            private boolean inHeader = true;
            private boolean continuation;
            private int entryBytes;
            private Instant timestamp;

            void take(byte b, OutputLine.Source source) throws InterruptedException {
                if (inHeader) {
                    if (b == ' ') {
                        Optional<Instant> parsed = parse(header);
                        if (parsed.isPresent()) {
                            if (!continuation) {
                                timestamp = parsed.get();
                            }
                            header.reset();
                            inHeader = false;
                            continuation = false;
                            entryBytes = 0;
                            return;
                        }
                    }
                    if (b != ' ' && b != '\n' && header.size() < TIMESTAMP_MAX) {
                        header.write(b);
                        return;
                    }
                    // not a timestamp: what was read is text
                    inHeader = false;
                    continuation = false;
                    if (timestamp == null || text.size() == 0) {
                        timestamp = Instant.now();
                    }
                    byte[] read = header.toByteArray();
                    header.reset();
                    entryBytes = 0;
                    for (byte r : read) {
                        take(r, source);
                    }
                }
                if (b == '\n') {
                    emit(source, timestamp, text.toString(StandardCharsets.UTF_8));
                    text.reset();
                    inHeader = true;
                    return;
                }
                text.write(b);
                if (++entryBytes == DOCKER_ENTRY_BYTES) {
                    inHeader = true;
                    continuation = true;
                }
            }

            void finish(OutputLine.Source source) throws InterruptedException {
                if (header.size() > 0) {
                    text.write(header.toByteArray(), 0, header.size());
                    header.reset();
                }
                if (text.size() > 0) {
                    emit(source, timestamp == null ? Instant.now() : timestamp, text.toString(StandardCharsets.UTF_8));
                    text.reset();
                }
                inHeader = true;
            }

            private static Optional<Instant> parse(ByteArrayOutputStream header) {
                if (header.size() < 20) {
                    return Optional.empty();
                }
                try {
                    return Optional.of(Instant.parse(header.toString(StandardCharsets.US_ASCII)));
                } catch (DateTimeParseException e) {
                    return Optional.empty();
                }
            }
        }
    }
}
