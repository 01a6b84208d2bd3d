package dev.localecs.runtime.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A stand-in for the IAM Identity Center portal's GetRoleCredentials on 127.0.0.1 (moto does not serve the
 * portal API), answering as the SSO API reference documents: {@code GET /federation/credentials?role_name=…
 * &account_id=…} with the access token in {@code x-amz-sso_bearer_token}, JSON {@code roleCredentials} with the
 * expiration in epoch milliseconds; an unknown token gets 401 {@code UnauthorizedException}.
 */
final class SsoPortal implements AutoCloseable {
    /** One GetRoleCredentials call: its query and bearer token. */
    record Call(String query, String token) {
    }

    private final HttpServer server;
    private final String acceptedToken;
    private final String accessKeyId;
    final List<Call> calls = new CopyOnWriteArrayList<>();

    SsoPortal(String acceptedToken, String accessKeyId) {
        this.acceptedToken = acceptedToken;
        this.accessKeyId = accessKeyId;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/federation/credentials", this::getRoleCredentials);
        server.start();
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private void getRoleCredentials(HttpExchange exchange) throws IOException {
        String token = exchange.getRequestHeaders().getFirst("x-amz-sso_bearer_token");
        calls.add(new Call(exchange.getRequestURI().getRawQuery(), token));
        boolean known = acceptedToken.equals(token);
        byte[] body = (known
                ? "{\"roleCredentials\":{\"accessKeyId\":\"" + accessKeyId + "\",\"secretAccessKey\":\"sso-secret\","
                        + "\"sessionToken\":\"sso-session-token\",\"expiration\":"
                        + Instant.now().plusSeconds(3600).toEpochMilli() + "}}"
                : "{\"message\":\"Session token not found or invalid\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        if (!known) {
            exchange.getResponseHeaders().add("x-amzn-ErrorType", "UnauthorizedException");
        }
        exchange.sendResponseHeaders(known ? 200 : 401, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
