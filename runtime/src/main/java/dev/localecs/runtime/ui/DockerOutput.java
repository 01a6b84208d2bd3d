package dev.localecs.runtime.ui;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.StreamType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * One container's output from Docker's own log (every container has one: the converter keeps
 * {@code json-file} under awslogs too), as {@code docker logs [--follow]} shows it, split into lines.
 */
final class DockerOutput {
    private static final Logger LOG = Logger.getLogger(DockerOutput.class.getName());

    private DockerOutput() {
    }

    /**
     * Writes a container's output to the sink until its log ends (the container stopped, when following),
     * the reader goes away or the thread is interrupted.
     *
     * @param docker the client
     * @param containerId Docker's container id
     * @param name the ECS container name
     * @param follow whether to wait for more
     * @param sink where lines go
     */
    static void copy(DockerClient docker, String containerId, String name, boolean follow, OutputSink sink) {
        Lines callback = new Lines(name, sink);
        try (Lines running = docker.logContainerCmd(containerId).withStdOut(true).withStdErr(true)
                .withTimestamps(true).withFollowStream(follow).exec(callback)) {
            // not awaitCompletion(timeout): docker-java closes the stream when that times out
            while (!running.ended.await(500, TimeUnit.MILLISECONDS)) {
                if (sink.broken()) {
                    return;
                }
            }
            running.flush();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException e) {
            LOG.fine("Output of container " + containerId + ": " + e);
        }
    }

    /** Frames → lines: Docker may split or join lines across frames. */
    private static final class Lines extends ResultCallback.Adapter<Frame> implements Closeable {
        private final String name;
        private final OutputSink sink;
        private final StringBuilder out = new StringBuilder();
        private final StringBuilder err = new StringBuilder();
        private final CountDownLatch ended = new CountDownLatch(1);

        Lines(String name, OutputSink sink) {
            this.name = name;
            this.sink = sink;
        }

        @Override
        public void onNext(Frame frame) {
            boolean stderr = frame.getStreamType() == StreamType.STDERR;
            StringBuilder buffer = stderr ? err : out;
            synchronized (this) {
                buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
                int newline;
                while ((newline = buffer.indexOf("\n")) >= 0) {
                    emit(stderr, buffer.substring(0, newline));
                    buffer.delete(0, newline + 1);
                }
            }
        }

        @Override
        public void onComplete() {
            ended.countDown();
            super.onComplete();
        }

        @Override
        public void onError(Throwable throwable) {
            // the container is gone (removed with its task) or the engine went away: the output just ends
            LOG.fine("Output of container " + name + ": " + throwable);
            ended.countDown();
            try {
                close();
            } catch (IOException e) {
                LOG.fine("Closing the output of " + name + ": " + e);
            }
        }

        synchronized void flush() {
            if (!out.isEmpty()) {
                emit(false, out.toString());
                out.setLength(0);
            }
            if (!err.isEmpty()) {
                emit(true, err.toString());
                err.setLength(0);
            }
        }

        private void emit(boolean stderr, String line) {
            String text = line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
            // with timestamps Docker starts each line with RFC 3339 time and a space
            int space = text.indexOf(' ');
            Optional<Instant> time = Optional.empty();
            if (space > 0) {
                try {
                    time = Optional.of(Instant.parse(text.substring(0, space)));
                    text = text.substring(space + 1);
                } catch (DateTimeParseException e) {
                    time = Optional.empty();
                }
            }
            sink.line(name, stderr ? "stderr" : "stdout", time, text);
        }
    }
}
