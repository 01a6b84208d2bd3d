package dev.localecs.plugins.events;

/** A PutEvents call that failed as a whole; the batch is sent again after a pause. */
final class DeliveryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DeliveryException(String message, Throwable cause) {
        super(message, cause);
    }

    DeliveryException(String message) {
        super(message);
    }
}
