package dev.localecs.runtime.health;

import java.util.List;

/**
 * The overall state {@code /health} reports, from what is wrong. {@code DOWN}: tasks cannot run or cannot get
 * credentials (the Docker engine is unreachable, or the endpoint does not listen in a mode that should);
 * {@code DEGRADED}: a plugin failed, so some operations or strategies are missing; {@code UP}: nothing is
 * wrong. Only {@code UP} answers HTTP 200; the others answer 503, so health checks and load balancers see it.
 */
public enum HealthStatus {
    /** Everything tasks rely on works. */
    UP(200),
    /** A plugin failed; tasks and the endpoint work. */
    DEGRADED(503),
    /** Tasks cannot run or cannot get credentials. */
    DOWN(503);

    private final int httpStatus;

    HealthStatus(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    /**
     * The state for a set of problems.
     *
     * @param down problems that leave tasks without an engine or without credentials
     * @param degraded problems that leave the rest working
     * @return {@code DOWN} if any problem of the first kind, else {@code DEGRADED} if any of the second, else
     *         {@code UP}
     */
    public static HealthStatus of(List<String> down, List<String> degraded) {
        return !down.isEmpty() ? DOWN : !degraded.isEmpty() ? DEGRADED : UP;
    }

    /**
     * The HTTP status {@code /health} answers with.
     *
     * @return 200 for {@code UP}, else 503
     */
    public int httpStatus() {
        return httpStatus;
    }
}
