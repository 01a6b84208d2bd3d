package dev.localecs.runtime.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/**
 * Where a task's container output is written: one JSON object per line ({@code application/x-ndjson}),
 * flushed per line, shared by the followers of one request. Once the reader went away every write is
 * dropped and {@link #broken()} says so, which ends the followers.
 */
final class OutputSink {
    private final OutputStream out;
    private final ObjectMapper json;
    private volatile boolean broken;

    OutputSink(OutputStream out, ObjectMapper json) {
        this.out = out;
        this.json = json;
    }

    /**
     * One line a container wrote.
     *
     * @param container the ECS container name
     * @param stream {@code stdout}, {@code stderr} or {@code awslogs}
     * @param timestamp when it was written, when known
     * @param message the line, without its newline
     */
    void line(String container, String stream, Optional<Instant> timestamp, String message) {
        ObjectNode node = json.createObjectNode();
        node.put("container", container);
        node.put("stream", stream);
        timestamp.ifPresent(time -> node.put("timestamp", time.toString()));
        node.put("message", message);
        write(node);
    }

    /**
     * A note about the output itself (no output on this engine, a container without output yet).
     *
     * @param message the note
     */
    void note(String message) {
        ObjectNode node = json.createObjectNode();
        node.put("note", message);
        write(node);
    }

    /**
     * The last line: the task stopped (following) or the output so far was written.
     *
     * @param lastStatus the task's last status
     */
    void end(String lastStatus) {
        ObjectNode node = json.createObjectNode();
        node.put("end", true);
        node.put("lastStatus", lastStatus);
        write(node);
    }

    /** Writes a blank keep-alive line, so a reader that went away is noticed while nothing is written. */
    void keepAlive() {
        writeBytes(new byte[] {'\n'});
    }

    boolean broken() {
        return broken;
    }

    private void write(ObjectNode node) {
        try {
            writeBytes((json.writeValueAsString(node) + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            broken = true;
        }
    }

    private synchronized void writeBytes(byte[] bytes) {
        if (broken) {
            return;
        }
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // the reader closed the connection (Helidon reports it unchecked)
            broken = true;
        }
    }
}
