package dev.localecs.plugins.credentials;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The IAM Identity Center portal's GetRoleCredentials on 127.0.0.1, answering as the SSO API documents:
 * {@code GET /federation/credentials?role_name=…&account_id=…} with the access token in
 * {@code x-amz-sso_bearer_token}; a token other than the accepted one gets 401 {@code UnauthorizedException}.
 */
final class SsoPortalStandIn implements AutoCloseable {
    /** One call: the query string and the bearer token it carried. */
    record Call(String query, String token) {
    }

    private final HttpServer server;
    private final String acceptedToken;
    private final String accessKeyId;
    private final Duration lifetime;
    final List<Call> calls = new CopyOnWriteArrayList<>();

    SsoPortalStandIn(String acceptedToken, String accessKeyId) throws IOException {
        this(acceptedToken, accessKeyId, Duration.ofHours(1));
    }

    /** Hands out role credentials valid for the given time. */
    SsoPortalStandIn(String acceptedToken, String accessKeyId, Duration lifetime) throws IOException {
        this.acceptedToken = acceptedToken;
        this.accessKeyId = accessKeyId;
        this.lifetime = lifetime;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/federation/credentials", this::getRoleCredentials);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void getRoleCredentials(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
        calls.add(new Call(exchange.getRequestURI().getRawQuery(), token));
        byte[] body;
        if (acceptedToken.equals(token)) {
            body = ("{\"roleCredentials\":{\"accessKeyId\":\"" + accessKeyId + "\",\"secretAccessKey\":\"sso-secret\","
                    + "\"sessionToken\":\"sso-session-token\",\"expiration\":"
                    + Instant.now().plus(lifetime).toEpochMilli() + "}}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
        } else {
            body = "{\"message\":\"Session token not found or invalid\"}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "UnauthorizedException");
            exchange.sendResponseHeaders(401, body.length);
        }
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
