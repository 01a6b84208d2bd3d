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
import java.util.Arrays;
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
 * container runs (an idle connection timing out, an engine restart) is followed again from the last timestamp.
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
            boolean completed = stream(containerId, decoder);
            if (Thread.currentThread().isInterrupted()) {
                throw new InterruptedException();
            }
            if (completed && !running(containerId)) {
                break;
            }
            Thread.sleep(Math.min(100L << Math.min(attempt, 6), 5_000));
        }
        decoder.finish();
    }

    /** One logs call; true when Docker ended the stream itself (the container stopped). */
    private boolean stream(String containerId, Decoder decoder) throws InterruptedException {
        AtomicReference<InterruptedException> interrupted = new AtomicReference<>();
        var cmd = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true).withFollowStream(true)
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
     * Turns Docker's frames into lines: per stream, the timestamp of each entry, its text, and the pieces of a
     * split line joined. Entries at or before the last delivered timestamp are skipped (a reconnection's
     * {@code since} has second precision).
     */
    static final class Decoder {
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
            partial.values().forEach(p -> {
                p.text.reset();
                p.rawText.reset();
            });
        }

        void frame(Frame frame) throws InterruptedException {
            OutputLine.Source source = frame.getStreamType() == StreamType.STDERR ? OutputLine.Source.STDERR
                    : OutputLine.Source.STDOUT;
            byte[] payload = frame.getPayload();
            if (frame.getStreamType() == StreamType.RAW) {
                raw(payload);
            } else {
                entry(source, payload, 0, payload.length);
            }
        }

        /** A TTY container's stream: chunks with no frame per entry; split at line breaks. */
        private void raw(byte[] payload) throws InterruptedException {
            Partial p = partial.computeIfAbsent(OutputLine.Source.STDOUT, s -> new Partial());
            int start = 0;
            for (int i = 0; i < payload.length; i++) {
                if (payload[i] == '\n') {
                    p.rawText.write(payload, start, i - start);
                    byte[] line = p.rawText.toByteArray();
                    p.rawText.reset();
                    entry(OutputLine.Source.STDOUT, appendBreak(line), 0, line.length + 1);
                    start = i + 1;
                }
            }
            p.rawText.write(payload, start, payload.length - start);
        }

        private static byte[] appendBreak(byte[] line) {
            byte[] withBreak = Arrays.copyOf(line, line.length + 1);
            withBreak[line.length] = '\n';
            return withBreak;
        }

        private void entry(OutputLine.Source source, byte[] bytes, int from, int to) throws InterruptedException {
            int space = -1;
            for (int i = from; i < to && i < from + 40; i++) {
                if (bytes[i] == ' ') {
                    space = i;
                    break;
                }
            }
            Instant timestamp;
            int textStart;
            try {
                timestamp = space < 0 ? Instant.now() : Instant.parse(new String(bytes, from, space - from,
                        StandardCharsets.US_ASCII));
                textStart = space < 0 ? from : space + 1;
            } catch (DateTimeParseException e) {
                timestamp = Instant.now();
                textStart = from;
            }
            boolean complete = to > textStart && bytes[to - 1] == '\n';
            int textEnd = complete ? to - 1 : to;
            Partial p = partial.computeIfAbsent(source, s -> new Partial());
            if (p.text.size() == 0) {
                p.timestamp = timestamp;
            }
            p.text.write(bytes, textStart, textEnd - textStart);
            if (complete) {
                emit(source, p);
            }
        }

        private void emit(OutputLine.Source source, Partial p) throws InterruptedException {
            String text = p.text.toString(StandardCharsets.UTF_8);
            Instant timestamp = p.timestamp;
            p.text.reset();
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

        /** The stream has ended: a last line without a line break is a line too. */
        void finish() throws InterruptedException {
            for (Map.Entry<OutputLine.Source, Partial> e : partial.entrySet()) {
                Partial p = e.getValue();
                if (p.rawText.size() > 0) {
                    byte[] line = p.rawText.toByteArray();
                    p.rawText.reset();
                    entry(e.getKey(), appendBreak(line), 0, line.length + 1);
                }
                if (p.text.size() > 0) {
                    emit(e.getKey(), p);
                }
            }
        }
    }

    /** A line not finished yet. */
    private static final class Partial {
        final ByteArrayOutputStream text = new ByteArrayOutputStream();
        final ByteArrayOutputStream rawText = new ByteArrayOutputStream();
        Instant timestamp;
    }
}
