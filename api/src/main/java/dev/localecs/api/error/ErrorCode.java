package dev.localecs.api.error;

import static java.util.Objects.requireNonNull;

/**
 * The AWS error codes the emulator answers with, each with the HTTP status and the side (client or server)
 * that real ECS gives it. The code string is what goes into {@code __type} and {@code X-Amzn-ErrorType}.
 */
public enum ErrorCode {
    /** A generic client-side problem with the request (ECS's most common validation error). */
    CLIENT_EXCEPTION("ClientException", 400, Side.CLIENT),
    /** A parameter has a value outside its allowed set or is missing. */
    INVALID_PARAMETER("InvalidParameterException", 400, Side.CLIENT),
    /** The named cluster does not exist. */
    CLUSTER_NOT_FOUND("ClusterNotFoundException", 400, Side.CLIENT),
    /** The cluster still has tasks or services and cannot be deleted. */
    CLUSTER_CONTAINS_TASKS("ClusterContainsTasksException", 400, Side.CLIENT),
    /** The cluster still has active or draining services and cannot be deleted. */
    CLUSTER_CONTAINS_SERVICES("ClusterContainsServicesException", 400, Side.CLIENT),
    /** The named service does not exist in the cluster. */
    SERVICE_NOT_FOUND("ServiceNotFoundException", 400, Side.CLIENT),
    /** The service is DRAINING or INACTIVE and cannot be updated. */
    SERVICE_NOT_ACTIVE("ServiceNotActiveException", 400, Side.CLIENT),
    /** The named service deployment does not exist (StopServiceDeployment). */
    SERVICE_DEPLOYMENT_NOT_FOUND("ServiceDeploymentNotFoundException", 400, Side.CLIENT),
    /** The request conflicts with the resource's state (a service deployment that is no longer in progress). */
    CONFLICT("ConflictException", 400, Side.CLIENT),
    /** The named resource (for tagging) does not exist. */
    RESOURCE_NOT_FOUND("ResourceNotFoundException", 400, Side.CLIENT),
    /** The operation in {@code X-Amz-Target} is not known here and no upstream takes it. */
    UNKNOWN_OPERATION("UnknownOperationException", 400, Side.CLIENT),
    /** The body is not JSON, or a member has the wrong JSON type. */
    SERIALIZATION("SerializationException", 400, Side.CLIENT),
    /** The caller may not perform the operation. */
    ACCESS_DENIED("AccessDeniedException", 400, Side.CLIENT),
    /** The named resource (a CloudWatch Logs group or stream) already exists. */
    RESOURCE_ALREADY_EXISTS("ResourceAlreadyExistsException", 400, Side.CLIENT),
    /** {@code TargetNotFoundException}: an attribute's target does not exist. */
    TARGET_NOT_FOUND("TargetNotFoundException", 400, Side.CLIENT),
    /** {@code AttributeLimitExceededException}: more than 10 custom attributes on one resource. */
    ATTRIBUTE_LIMIT_EXCEEDED("AttributeLimitExceededException", 400, Side.CLIENT),
    /** {@code NoUpdateAvailableException}: the container agent is already current. */
    NO_UPDATE_AVAILABLE("NoUpdateAvailableException", 400, Side.CLIENT),
    /** {@code ResourceInUseException}: the resource is in use. */
    RESOURCE_IN_USE("ResourceInUseException", 400, Side.CLIENT),
    /** The named daemon does not exist (never created, or deleted and its tasks stopped). */
    DAEMON_NOT_FOUND("DaemonNotFoundException", 400, Side.CLIENT),
    /** The daemon is being deleted and cannot be updated or deleted again. */
    DAEMON_NOT_ACTIVE("DaemonNotActiveException", 400, Side.CLIENT),
    /** The named gateway does not exist. */
    GATEWAY_NOT_FOUND("GatewayNotFoundException", 400, Side.CLIENT),
    /** The named task set does not exist in the service (never created, or deleted and drained). */
    TASK_SET_NOT_FOUND("TaskSetNotFoundException", 400, Side.CLIENT),
    /** The request was valid but the emulator failed to serve it. */
    SERVER_EXCEPTION("ServerException", 500, Side.SERVER);

    /** Who is at fault for an error, as AWS SDKs classify it. */
    public enum Side {
        /** The caller's request is wrong; retrying it unchanged fails again. */
        CLIENT,
        /** The service failed; the caller may retry. */
        SERVER
    }

    private final String awsCode;
    private final int httpStatus;
    private final Side side;

    ErrorCode(String awsCode, int httpStatus, Side side) {
        this.awsCode = requireNonNull(awsCode, "awsCode is null");
        this.httpStatus = httpStatus;
        this.side = requireNonNull(side, "side is null");
    }

    /**
     * The AWS error code, e.g. {@code ClientException}.
     *
     * @return the code sent as {@code __type}
     */
    public String awsCode() {
        return awsCode;
    }

    /**
     * The HTTP status real ECS answers this error with.
     *
     * @return 400 for client errors, 500 for server errors
     */
    public int httpStatus() {
        return httpStatus;
    }

    /**
     * Whether the caller or the service is at fault.
     *
     * @return the side
     */
    public Side side() {
        return side;
    }
}
