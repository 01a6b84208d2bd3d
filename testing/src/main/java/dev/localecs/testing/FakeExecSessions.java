package dev.localecs.testing;

import dev.localecs.api.ExecSession;
import dev.localecs.api.ExecSessionRequest;
import dev.localecs.api.ExecSessions;
import java.util.ArrayList;
import java.util.List;

/**
 * ECS Exec sessions for plugin unit tests: each {@link #open(ExecSessionRequest)} is recorded and answered
 * with a numbered session ({@code ecs-execute-command-1}, token {@code token-1}) whose stream URL names the
 * request's host ({@code localhost:8000} without one). No data channel is served.
 */
public final class FakeExecSessions implements ExecSessions {
    private final List<ExecSessionRequest> opened = new ArrayList<>();

    @Override
    public synchronized ExecSession open(ExecSessionRequest request) {
        opened.add(request);
        String id = "ecs-execute-command-" + opened.size();
        return new ExecSession(id, "ws://" + request.host().orElse("localhost:8000") + "/v1/data-channel/" + id
                + "?role=publish_subscribe", "token-" + opened.size());
    }

    /**
     * The requests so far, in order.
     *
     * @return the requests
     */
    public synchronized List<ExecSessionRequest> opened() {
        return List.copyOf(opened);
    }
}
