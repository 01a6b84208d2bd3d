package dev.localecs.runtime.endpoint;

import dev.localecs.runtime.aws.TaskRoleCredentials;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.error.EcsException;
import dev.localecs.runtime.tasks.TaskManager;
import dev.localecs.runtime.tasks.TaskView;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.InetSocketAddress;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What task containers find at 169.254.170.2: {@code /v2/credentials/<id>} (task-role credentials) and the
 * v3/v4 metadata endpoints ({@code /v4/<id>.<container>}, {@code …/task}, {@code …/stats},
 * {@code …/task/stats}). A request is answered only when it comes from a container of the task the id
 * belongs to; anything else gets a 4xx and is logged without secrets.
 */
public final class EndpointService implements HttpService {
    private static final Logger LOG = Logger.getLogger(EndpointService.class.getName());

    private final TaskManager tasks;
    private final TaskRoleCredentials credentials;
    private final ObjectMapper json;
    private final boolean sourceCheck;

    /**
     * Creates the service.
     *
     * @param tasks the task manager
     * @param credentials task-role credentials
     * @param json a mapper
     * @param sourceCheck whether requests must come from the task's own containers
     */
    public EndpointService(TaskManager tasks, TaskRoleCredentials credentials, ObjectMapper json, boolean sourceCheck) {
        this.tasks = tasks;
        this.credentials = credentials;
        this.json = json;
        this.sourceCheck = sourceCheck;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/v2/credentials/{id}", this::credentials);
        for (String version : new String[] {"v3", "v4"}) {
            rules.get("/" + version + "/{id}", (req, res) -> metadata(req, res, false, false));
            rules.get("/" + version + "/{id}/task", (req, res) -> metadata(req, res, true, false));
            rules.get("/" + version + "/{id}/stats", (req, res) -> metadata(req, res, false, true));
            rules.get("/" + version + "/{id}/task/stats", (req, res) -> metadata(req, res, true, true));
        }
    }

    private void credentials(ServerRequest req, ServerResponse res) {
        String id = req.path().pathParameters().get("id");
        Optional<TaskView> task = authorised(req, res, id);
        if (task.isEmpty()) {
            return;
        }
        Optional<String> role = task.get().taskRoleArn();
        if (role.isEmpty()) {
            refuse(res, Status.NOT_FOUND_404, "NoTaskRole", "The task has no task role.", req, id);
            return;
        }
        try {
            TaskRoleCredentials.Vended vended = credentials.forTask(task.get().taskId(), role.get());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("RoleArn", vended.roleArn());
            body.put("AccessKeyId", vended.credentials().accessKeyId());
            body.put("SecretAccessKey", vended.credentials().secretAccessKey());
            vended.credentials().sessionToken().ifPresent(token -> body.put("Token", token));
            body.put("Expiration", DateTimeFormatter.ISO_INSTANT.format(vended.expiration().truncatedTo(ChronoUnit.SECONDS)));
            send(res, Status.OK_200, body);
        } catch (EcsException e) {
            LOG.warning("Credentials for task " + task.get().taskId() + " are unavailable: " + e.getMessage());
            send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("code", "CredentialsUnavailable", "message",
                    e.getMessage()));
        }
    }

    private void metadata(ServerRequest req, ServerResponse res, boolean taskLevel, boolean stats) {
        String id = req.path().pathParameters().get("id");
        int dot = id.indexOf('.');
        String endpointId = dot < 0 ? id : id.substring(0, dot);
        String container = dot < 0 ? "" : id.substring(dot + 1);
        Optional<TaskView> task = authorised(req, res, endpointId);
        if (task.isEmpty()) {
            return;
        }
        if (!task.get().hasContainer(container)) {
            refuse(res, Status.NOT_FOUND_404, "InvalidIdInRequest", "Unknown container.", req, endpointId);
            return;
        }
        if (!stats) {
            send(res, Status.OK_200, taskLevel ? task.get().taskMetadata() : task.get().containerMetadata(container));
            return;
        }
        if (!taskLevel) {
            send(res, Status.OK_200, task.get().runtimeId(container).map(tasks::stats).orElse(Map.of()));
            return;
        }
        Map<String, Object> all = new LinkedHashMap<>();
        for (String name : task.get().containerNames()) {
            task.get().runtimeId(name).ifPresent(dockerId -> all.put(dockerId, tasks.stats(dockerId)));
        }
        send(res, Status.OK_200, all);
    }

    private Optional<TaskView> authorised(ServerRequest req, ServerResponse res, String endpointId) {
        Optional<TaskView> task = tasks.byEndpointId(endpointId);
        if (task.isEmpty()) {
            refuse(res, Status.BAD_REQUEST_400, "InvalidIdInRequest", "Unknown credentials or metadata id.", req,
                    endpointId);
            return Optional.empty();
        }
        String caller = caller(req);
        if (sourceCheck && !tasks.isOwnAddress(task.get(), caller)) {
            refuse(res, Status.FORBIDDEN_403, "AccessDenied", "This id belongs to another task.", req, endpointId);
            return Optional.empty();
        }
        return task;
    }

    private static String caller(ServerRequest req) {
        return req.remotePeer().address() instanceof InetSocketAddress address
                ? address.getAddress().getHostAddress() : "";
    }

    private void refuse(ServerResponse res, Status status, String code, String message, ServerRequest req,
                        String id) {
        // ids are shown shortened: enough to correlate, not enough to reuse
        String shown = id.length() > 8 ? id.substring(0, 8) + "…" : id;
        LOG.warning("Endpoint refused " + req.path().path().replace(id, shown) + " from " + caller(req) + ": "
                + code);
        send(res, status, Map.of("code", code, "message", message));
    }

    private void send(ServerResponse res, Status status, Object body) {
        try {
            res.status(status);
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write an endpoint answer", e);
        }
    }
}
