package dev.localecs.runtime.upstream;

import java.util.Optional;

/**
 * What upstream answered, passed back to the caller as it is.
 *
 * @param status the HTTP status
 * @param contentType the content type, if given
 * @param errorType the {@code X-Amzn-ErrorType} header, if given
 * @param body the body bytes
 */
public record UpstreamResponse(int status, Optional<String> contentType, Optional<String> errorType, byte[] body) {
}
