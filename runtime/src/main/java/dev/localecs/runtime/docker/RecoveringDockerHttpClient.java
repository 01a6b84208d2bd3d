package dev.localecs.runtime.docker;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.dockerjava.transport.DockerHttpClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Docker transport that survives an engine restart. The pooled connections of the engine that went away
 * are dead, and the first call on one fails ({@code Broken pipe}); so on a connection failure the whole pool
 * is replaced by a fresh one (the old one is closed once its last open response, e.g. an event stream, is
 * closed) and the call is sent once more when repeating it is safe: reads, deletions, starts and stops,
 * pulls, volume and exec-instance creation. A container creation is repeated too, and if the engine answers
 * that the name is taken, the first attempt got through: the container of that name is answered. Other
 * calls (exec starts, builds, attaches) are not repeated. A call that still cannot reach the engine fails
 * with {@link EngineUnreachableException}.
 */
final class RecoveringDockerHttpClient implements DockerHttpClient {
    private static final Logger LOG = Logger.getLogger(RecoveringDockerHttpClient.class.getName());
    private static final Pattern SAFE_POST = Pattern.compile(
            ".*/(containers/[^/]+/(start|stop|kill|wait|pause|unpause|restart|exec)|images/create|volumes/create"
                    + "|_ping)");
    private static final Pattern CREATE_CONTAINER = Pattern.compile(".*/containers/create");
    private static final Pattern NAME = Pattern.compile("(?:^|&)name=([^&]+)");
    private static final ObjectMapper JSON =
            new ObjectMapper();

    private final String host;
    private final Supplier<DockerHttpClient> connect;
    private final AtomicReference<Pool> current;
    private volatile boolean closed;

    /** One connection pool, closed once it is replaced and no response of it is open any more. */
    private static final class Pool {
        final DockerHttpClient client;
        final AtomicInteger open = new AtomicInteger(1); // 1 for "current"; dropped at replacement

        Pool(DockerHttpClient client) {
            this.client = client;
        }

        boolean acquire() {
            int n;
            do {
                n = open.get();
                if (n == 0) {
                    return false;
                }
            } while (!open.compareAndSet(n, n + 1));
            return true;
        }

        void release() {
            if (open.decrementAndGet() == 0) {
                try {
                    client.close();
                } catch (IOException | RuntimeException e) {
                    LOG.fine("Closing a replaced Docker connection pool: " + e.getMessage());
                }
            }
        }
    }

    /**
     * Creates the transport.
     *
     * @param host the engine address, for messages
     * @param connect makes a new connection pool
     */
    RecoveringDockerHttpClient(String host, Supplier<DockerHttpClient> connect) {
        this.host = host;
        this.connect = connect;
        this.current = new AtomicReference<>(new Pool(connect.get()));
    }

    @Override
    public Response execute(Request request) {
        Pool pool = acquire();
        RuntimeException failure;
        try {
            return new Tracked(pool.client.execute(request), pool);
        } catch (RuntimeException e) {
            pool.release();
            if (!connectionFailure(e)) {
                throw e;
            }
            failure = e;
        }
        replace(pool);
        if (!repeatable(request)) {
            throw unreachable(failure);
        }
        LOG.info("The Docker engine connection failed (" + describe(failure) + "); sending " + request.method()
                + " " + path(request) + " again on a new connection");
        rewind(request);
        Pool fresh = acquire();
        Response response;
        try {
            response = new Tracked(fresh.client.execute(request), fresh);
        } catch (RuntimeException e) {
            fresh.release();
            if (connectionFailure(e)) {
                replace(fresh);
                throw unreachable(e);
            }
            throw e;
        }
        if (response.getStatusCode() == 409 && CREATE_CONTAINER.matcher(path(request)).matches()) {
            return createdByTheFirstAttempt(request, response);
        }
        return response;
    }

    /**
     * The first creation got through before the connection died: the name is taken by the container it
     * made (names carry the task id, so nobody else has it). Answers that container as the creation did.
     */
    private Response createdByTheFirstAttempt(Request request, Response conflict) {
        Matcher name = NAME.matcher(query(request));
        if (!name.find()) {
            return conflict;
        }
        conflict.close();
        String prefix = path(request).substring(0, path(request).length() - "/containers/create".length());
        Response inspect = execute(Request.builder().method(Request.Method.GET)
                .path(prefix + "/containers/" + name.group(1) + "/json").build());
        if (inspect.getStatusCode() != 200) {
            return inspect;
        }
        String id;
        try (inspect) {
            id = JSON.readTree(inspect.getBody()).path("Id").asText();
        } catch (IOException e) {
            throw unreachable(new UncheckedIOException(e));
        }
        LOG.info("The first attempt created container " + name.group(1) + " before the connection failed");
        return new Synthetic(201, "{\"Id\":\"" + id + "\",\"Warnings\":[]}");
    }

    private Pool acquire() {
        while (true) {
            if (closed) {
                throw new IllegalStateException("The Docker client is closed");
            }
            Pool pool = current.get();
            if (pool.acquire()) {
                return pool;
            }
        }
    }

    /** Drops a pool whose connections died: new calls get a fresh one (only one replacement per pool). */
    private void replace(Pool failed) {
        Pool fresh = new Pool(connect.get());
        if (current.compareAndSet(failed, fresh)) {
            failed.release();
        } else {
            try {
                fresh.client.close();
            } catch (IOException e) {
                LOG.fine("Closing an unused Docker connection pool: " + e.getMessage());
            }
        }
    }

    private static boolean repeatable(Request request) {
        if (request.hijackedInput() != null) {
            return false;
        }
        InputStream body = request.body();
        if (body != null && !(body instanceof ByteArrayInputStream)) {
            return false;
        }
        String method = request.method();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("DELETE")) {
            return true;
        }
        String path = path(request);
        return method.equals("POST") && (SAFE_POST.matcher(path).matches() || CREATE_CONTAINER.matcher(path).matches());
    }

    private static void rewind(Request request) {
        InputStream body = request.body();
        if (body != null) {
            try {
                body.reset();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** An I/O failure reaching the engine (not a timeout: a slow engine is alive). */
    static boolean connectionFailure(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof InterruptedIOException) {
                return false;
            }
            if (cause instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    private EngineUnreachableException unreachable(RuntimeException failure) {
        return new EngineUnreachableException(host, describe(failure), failure);
    }

    private static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException) {
                return cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
            }
        }
        return String.valueOf(error.getMessage());
    }

    private static String path(Request request) {
        int query = request.path().indexOf('?');
        return query < 0 ? request.path() : request.path().substring(0, query);
    }

    private static String query(Request request) {
        int query = request.path().indexOf('?');
        return query < 0 ? "" : request.path().substring(query + 1);
    }

    @Override
    public void close() throws IOException {
        closed = true;
        current.get().release();
    }

    /** A response that keeps its pool open until it is closed. */
    private static final class Tracked implements Response {
        private final Response response;
        private final Pool pool;
        private final AtomicBoolean closed = new AtomicBoolean();

        Tracked(Response response, Pool pool) {
            this.response = response;
            this.pool = pool;
        }

        @Override
        public int getStatusCode() {
            return response.getStatusCode();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return response.getHeaders();
        }

        @Override
        public String getHeader(String name) {
            return response.getHeader(name);
        }

        @Override
        public InputStream getBody() {
            return response.getBody();
        }

        @Override
        public void close() {
            try {
                response.close();
            } finally {
                if (closed.compareAndSet(false, true)) {
                    pool.release();
                }
            }
        }
    }

    /** An answer made here (what the engine would have answered to the first attempt). */
    private record Synthetic(int status, String body) implements Response {
        @Override
        public int getStatusCode() {
            return status;
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            return Map.of("Content-Type", List.of("application/json"));
        }

        @Override
        public String getHeader(String name) {
            return name.equalsIgnoreCase("Content-Type") ? "application/json" : null;
        }

        @Override
        public InputStream getBody() {
            return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public void close() {
        }
    }
}
