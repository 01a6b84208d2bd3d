package dev.localecs.runtime.protocol;

import java.util.UUID;

/**
 * The id of one API request, sent back in {@code x-amzn-RequestId} and kept in the request context.
 *
 * @param value the id, a UUID as AWS uses
 */
public record RequestId(String value) {

    /**
     * A fresh id.
     *
     * @return the id
     */
    public static RequestId next() {
        return new RequestId(UUID.randomUUID().toString());
    }
}
