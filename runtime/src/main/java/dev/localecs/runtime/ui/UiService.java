package dev.localecs.runtime.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.TaskDefinitionRegistry;
import dev.localecs.api.TaskService;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.error.ErrorCode;
import dev.localecs.runtime.plugin.ActionRegistry;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code /ui}: the dashboard's page and assets, its read API ({@code /ui/api/…}, every answer redacted), the
 * task event stream, task output, and the guarded actions. Reads use the runtime's own actions and task
 * service, never the upstream; actions go through the same ECS actions a client calls.
 */
public final class UiService implements HttpService, AutoCloseable {
    private final UiSettings settings;
    private final ObjectMapper json;
    private final MutationGuard guard;
    private final TaskEventHub events;
    private final TaskOutput output;
    private final UiReads reads;
    private final UiActions actions;
    private final UiAssets assets;
    private final String engineName;

    /**
     * Creates the dashboard.
     *
     * @param settings its settings
     * @param tasks the task service
     * @param definitions the task-definition registry
     * @param registry the actions the plugins serve
     * @param composeDest where task compose projects are written
     * @param engineName the task engine ({@code docker}, {@code simulated})
     * @param json the wire mapper
     */
    public UiService(UiSettings settings, TaskService tasks, TaskDefinitionRegistry definitions,
                     ActionRegistry registry, Path composeDest, String engineName, ObjectMapper json) {
        this.settings = settings;
        this.json = json;
        this.engineName = engineName;
        ActionCalls calls = new ActionCalls(registry, json);
        this.guard = new MutationGuard(settings.actions(), settings.loopback(), Clock.systemUTC());
        this.events = new TaskEventHub(tasks, json);
        this.output = new TaskOutput(tasks, definitions, calls, engineName, settings.dockerHost());
        this.reads = new UiReads(calls, tasks, composeDest, json);
        this.actions = new UiActions(calls);
        this.assets = new UiAssets();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", (req, res) -> assets.serve("index.html", req, res))
                .get("/api/session", this::session)
                .get("/api/events", (req, res) -> new EventStream(events).serve(req, res))
                .get("/api/clusters", (req, res) -> send(res, reads.clusters()))
                .get("/api/services", (req, res) -> send(res, reads.services(query(req, "cluster"))))
                .get("/api/tasks", (req, res) -> send(res, reads.tasks(query(req, "cluster"), query(req, "service"),
                        query(req, "status"), query(req, "family"))))
                .get("/api/tasks/{cluster}/{id}", (req, res) -> send(res, reads.task(param(req, "cluster"),
                        param(req, "id"))))
                .get("/api/tasks/{cluster}/{id}/compose", (req, res) -> send(res, reads.compose(
                        param(req, "cluster"), param(req, "id"))))
                .get("/api/tasks/{cluster}/{id}/logs", this::logs)
                .get("/api/task-definitions", (req, res) -> send(res, reads.taskDefinitions()))
                .get("/api/task-definitions/{reference}", (req, res) -> send(res,
                        reads.taskDefinition(param(req, "reference"))))
                .post("/api/tasks/{cluster}/{id}/stop", (req, res) -> mutate(req, res,
                        () -> actions.stopTask(param(req, "cluster"), param(req, "id"))))
                .post("/api/services/{cluster}/{service}/desired-count", (req, res) -> mutate(req, res,
                        () -> actions.desiredCount(param(req, "cluster"), param(req, "service"), body(req))))
                .post("/api/services/{cluster}/{service}/force-deployment", (req, res) -> mutate(req, res,
                        () -> actions.forceDeployment(param(req, "cluster"), param(req, "service"))))
                .get("/{+asset}", (req, res) -> assets.serve(param(req, "asset"), req, res));
    }

    private void session(ServerRequest req, ServerResponse res) {
        ObjectNode body = json.createObjectNode();
        boolean hostAllowed = guard.hostAllowed(req.headers().first(HeaderNames.HOST));
        body.put("actions", guard.actionsEnabled() && hostAllowed);
        if (guard.actionsEnabled() && hostAllowed) {
            body.put("token", guard.issue());
        }
        body.put("engine", engineName);
        body.put("tokenHeader", MutationGuard.TOKEN_HEADER);
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        // the one answer that carries a token: the page's own, readable only by same-origin scripts
        sendUnredacted(res, body);
    }

    private void logs(ServerRequest req, ServerResponse res) {
        String cluster = param(req, "cluster");
        String id = param(req, "id");
        reads.task(cluster, id);
        boolean follow = query(req, "follow").map(Boolean::parseBoolean).orElse(false);
        res.header(HeaderNames.CONTENT_TYPE, "application/x-ndjson; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.header(HeaderNames.create("X-Accel-Buffering"), "no");
        try (OutputStream out = res.outputStream()) {
            output.write(cluster, id, follow, new OutputSink(out, json));
        } catch (IOException | RuntimeException e) {
            // the reader went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void mutate(ServerRequest req, ServerResponse res, Supplier<JsonNode> action) {
        Optional<String> refusal = guard.refusal(new MutationGuard.Request(req.headers().first(HeaderNames.HOST),
                req.headers().first(HeaderNames.ORIGIN), req.headers().first(HeaderNames.create("Sec-Fetch-Site")),
                req.headers().first(HeaderNames.create(MutationGuard.TOKEN_HEADER))));
        if (refusal.isPresent()) {
            ObjectNode body = json.createObjectNode();
            body.put("__type", ErrorCode.ACCESS_DENIED.awsCode());
            body.put("message", refusal.get());
            res.status(Status.FORBIDDEN_403);
            send(res, body);
            return;
        }
        send(res, action.get());
    }

    private ObjectNode body(ServerRequest req) {
        try {
            JsonNode node = json.readTree(req.content().as(String.class));
            if (!(node instanceof ObjectNode object)) {
                throw EcsException.client("The request body must be a JSON object.");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new EcsException(ErrorCode.SERIALIZATION, "The request body is not JSON.");
        }
    }

    private void send(ServerResponse res, JsonNode body) {
        sendUnredacted(res, Redactor.redact(body));
    }

    private void sendUnredacted(ServerResponse res, JsonNode body) {
        try {
            res.header(HeaderNames.CONTENT_TYPE, "application/json");
            res.send(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String param(ServerRequest req, String name) {
        return req.path().pathParameters().get(name);
    }

    private static Optional<String> query(ServerRequest req, String name) {
        return req.query().first(name).asOptional().filter(value -> !value.isBlank());
    }

    /**
     * Whether the dashboard is served.
     *
     * @return {@code ui.enabled}
     */
    public boolean enabled() {
        return settings.enabled();
    }

    @Override
    public void close() {
        events.close();
        output.close();
    }
}
