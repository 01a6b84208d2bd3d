package dev.localecs.plugins.logs;

import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;

/** The CloudWatch Logs errors, in CloudWatch's words. */
final class LogsErrors {
    private LogsErrors() {
    }

    static EcsException groupNotFound() {
        return new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "The specified log group does not exist.");
    }

    static EcsException streamNotFound() {
        return new EcsException(ErrorCode.RESOURCE_NOT_FOUND, "The specified log stream does not exist.");
    }

    static EcsException groupExists() {
        return new EcsException(ErrorCode.RESOURCE_ALREADY_EXISTS, "The specified log group already exists");
    }

    static EcsException streamExists() {
        return new EcsException(ErrorCode.RESOURCE_ALREADY_EXISTS, "The specified log stream already exists");
    }

    static EcsException invalid(String message) {
        return EcsException.invalidParameter(message);
    }

    static EcsException missing(String member) {
        return invalid("1 validation error detected: Value null at '" + member
                + "' failed to satisfy constraint: Member must not be null");
    }

    /** The AWS validation message for a value outside a member's constraint. */
    static EcsException constraint(String member, Object value, String constraint) {
        return invalid("1 validation error detected: Value '" + value + "' at '" + member
                + "' failed to satisfy constraint: Member must " + constraint);
    }
}
