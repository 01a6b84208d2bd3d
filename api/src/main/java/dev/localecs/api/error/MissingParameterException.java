package dev.localecs.api.error;

import static java.util.Objects.requireNonNull;

/**
 * A required request member is absent or null.
 */
public final class MissingParameterException extends EcsException {
    private static final long serialVersionUID = 1L;

    private final String member;

    /**
     * Creates the error for one member.
     *
     * @param member the JSON member name, e.g. {@code family}
     */
    public MissingParameterException(String member) {
        super(ErrorCode.INVALID_PARAMETER, requireNonNull(member, "member is null") + " is required and must not be null.");
        this.member = member;
    }

    /**
     * The name of the missing member.
     *
     * @return the member name
     */
    public String member() {
        return member;
    }
}
