package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.time.Instant;

/**
 * One line a container wrote, as its engine recorded it.
 *
 * @param timestamp when the engine received the line (Docker's own timestamp)
 * @param source the stream it was written to
 * @param text the line without its line break; a line the engine split (Docker keeps at most 16 KiB per entry)
 *     comes as the pieces joined again
 */
public record OutputLine(Instant timestamp, Source source, String text) {

    /** The standard stream a line was written to. */
    public enum Source {
        /** standard output */
        STDOUT,
        /** standard error */
        STDERR
    }

    /**
     * Checks the parts.
     *
     * @param timestamp the engine's timestamp
     * @param source the stream
     * @param text the line
     */
    public OutputLine {
        requireNonNull(timestamp, "timestamp is null");
        requireNonNull(source, "source is null");
        requireNonNull(text, "text is null");
    }
}
