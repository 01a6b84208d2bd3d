package dev.localecs.runtime.exec;

/** A binary frame that is not an agent message (too short, lengths that do not add up). */
public final class MalformedMessageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MalformedMessageException(String message) {
        super(message);
    }
}
