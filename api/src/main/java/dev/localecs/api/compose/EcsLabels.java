package dev.localecs.api.compose;

/**
 * The labels converted services carry: the ECS agent's own, compose's project labels, and
 * {@code com.amazonaws.ecs.local.*} for what the engine needs and compose has no key for.
 */
public final class EcsLabels {
    /** The task ARN (ECS agent). */
    public static final String TASK_ARN = "com.amazonaws.ecs.task-arn";
    /** The cluster (ECS agent). */
    public static final String CLUSTER = "com.amazonaws.ecs.cluster";
    /** The ECS container name (ECS agent). */
    public static final String CONTAINER_NAME = "com.amazonaws.ecs.container-name";
    /** The task-definition family (ECS agent). */
    public static final String FAMILY = "com.amazonaws.ecs.task-definition-family";
    /** The task-definition revision (ECS agent). */
    public static final String REVISION = "com.amazonaws.ecs.task-definition-version";
    /** The compose project. */
    public static final String COMPOSE_PROJECT = "com.docker.compose.project";
    /** The compose service. */
    public static final String COMPOSE_SERVICE = "com.docker.compose.service";

    private static final String LOCAL = "com.amazonaws.ecs.local.";
    /** Whether the container is essential ({@code true}/{@code false}). */
    public static final String ESSENTIAL = LOCAL + "essential";
    /** The exact ECS dependency conditions, {@code name=CONDITION,...} (compose has no COMPLETE). */
    public static final String DEPENDS_ON = LOCAL + "depends-on";
    /** ECS {@code startTimeout} in seconds. */
    public static final String START_TIMEOUT = LOCAL + "start-timeout";
    /** Marks the per-task pause container that owns the namespaces. */
    public static final String PAUSE = LOCAL + "pause";
    /** Prefix of {@code <prefix><ENV_NAME>=<valueFrom>} secret references. */
    public static final String SECRET_PREFIX = LOCAL + "secret.";
    /** Prefix of {@code <prefix><n>=<S3 ARN>} environment files ({@code <prefix>override.<n>} from RunTask). */
    public static final String ENVIRONMENT_FILE_PREFIX = LOCAL + "environment-file.";
    /** The intended awslogs group. */
    public static final String AWSLOGS_GROUP = LOCAL + "awslogs-group";
    /** The intended awslogs stream prefix. */
    public static final String AWSLOGS_STREAM_PREFIX = LOCAL + "awslogs-stream-prefix";
    /** The intended awslogs region. */
    public static final String AWSLOGS_REGION = LOCAL + "awslogs-region";
    /** The task role ARN. */
    public static final String TASK_ROLE_ARN = LOCAL + "task-role-arn";
    /** The execution role ARN. */
    public static final String EXECUTION_ROLE_ARN = LOCAL + "execution-role-arn";
    /** The private registry credentials secret. */
    public static final String REPOSITORY_CREDENTIALS = LOCAL + "repository-credentials";
    /** The ECS restart policy ({@code enabled;ignoredExitCodes=...;restartAttemptPeriod=...}). */
    public static final String RESTART_POLICY = LOCAL + "restart-policy";

    private EcsLabels() {
    }
}
