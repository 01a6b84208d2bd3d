package dev.localecs.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A CloudWatch Logs stand-in on a loopback port that answers every call with {@code {}} (what CreateLogStream and
 * PutLogEvents answer) and records each request's operation, {@code x-amzn-logs-format} header and body.
 */
public final class RecordingLogsServer implements AutoCloseable {
    /**
     * One request.
     *
     * @param operation the {@code X-Amz-Target} operation, e.g. {@code PutLogEvents}
     * @param format the {@code x-amzn-logs-format} header, if sent
     * @param body the request body
     */
    public record Request(String operation, Optional<String> format, String body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    /** Starts the server on a free loopback port. */
    public RecordingLogsServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            String target = Optional.ofNullable(exchange.getRequestHeaders().getFirst("X-Amz-Target")).orElse("");
            requests.add(new Request(target.substring(target.indexOf('.') + 1),
                    Optional.ofNullable(exchange.getRequestHeaders().getFirst("x-amzn-logs-format")),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            byte[] answer = "{}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/x-amz-json-1.1");
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    /**
     * Where it listens.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * The requests so far.
     *
     * @return them, in arrival order
     */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
