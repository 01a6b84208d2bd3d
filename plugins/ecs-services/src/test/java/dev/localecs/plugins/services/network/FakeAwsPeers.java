package dev.localecs.plugins.services.network;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Cloud Map and ELBv2 as a loopback HTTP server that records each call: answers GetService ({@code srv-1},
 * {@code backend}), GetNamespace ({@code local}), ListNamespaces ({@code other} as {@code ns-0}, {@code local} as
 * {@code ns-1}), ListServices ({@code backend} in ns-1, {@code backend-http} in ns-0), CreateService
 * ({@code srv-2}), DescribeTargetGroups (port 8080, ip targets) and accepts registrations.
 */
public final class FakeAwsPeers implements AutoCloseable {
    /**
     * One call.
     *
     * @param operation the JSON target's operation or the Query action
     * @param body the request body
     * @param authorization the Authorization header, empty when unsigned
     */
    public record Call(String operation, String body, String authorization) {
        /**
         * A Query parameter of the call.
         *
         * @param name the parameter
         * @return its value, or null
         */
        public String parameter(String name) {
            return parameters().get(name);
        }

        private Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            for (String pair : body.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv.length == 2) {
                    parameters.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                            URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
                }
            }
            return parameters;
        }
    }

    private final HttpServer server;
    private final List<Call> calls = new ArrayList<>();
    private volatile Consumer<Call> onCall = call -> { };

    /**
     * Starts the server.
     *
     * @throws IOException when it cannot bind
     */
    public FakeAwsPeers() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
            String authorization = String.valueOf(exchange.getRequestHeaders().getFirst("Authorization"));
            String operation = target != null ? target.substring(target.indexOf('.') + 1)
                    : new Call("", body, "").parameter("Action");
            Call call = new Call(operation, body, authorization);
            onCall.accept(call);
            synchronized (calls) {
                calls.add(call);
            }
            String answer = switch (operation) {
                case "GetService" -> "{\"Service\":{\"Id\":\"srv-1\",\"Name\":\"backend\",\"NamespaceId\":\"ns-1\"}}";
                case "GetNamespace" -> "{\"Namespace\":{\"Id\":\"ns-1\",\"Name\":\"local\"}}";
                case "ListNamespaces" -> "{\"Namespaces\":[{\"Id\":\"ns-0\",\"Name\":\"other\"},"
                        + "{\"Id\":\"ns-1\",\"Name\":\"local\"}]}";
                // filters ignored, as moto_server does
                case "ListServices" -> "{\"Services\":[{\"Id\":\"srv-1\",\"Name\":\"backend\","
                        + "\"NamespaceId\":\"ns-1\"},{\"Id\":\"srv-9\",\"Name\":\"backend-http\","
                        + "\"NamespaceId\":\"ns-0\"}]}";
                case "CreateService" -> "{\"Service\":{\"Id\":\"srv-2\",\"Name\":\"backend-http\","
                        + "\"NamespaceId\":\"ns-1\"}}";
                case "RegisterInstance", "DeregisterInstance" -> "{\"OperationId\":\"op-1\"}";
                case "DescribeTargetGroups" -> "<DescribeTargetGroupsResponse><DescribeTargetGroupsResult>"
                        + "<TargetGroups><member><Port>8080</Port><TargetType>ip</TargetType></member></TargetGroups>"
                        + "</DescribeTargetGroupsResult></DescribeTargetGroupsResponse>";
                default -> "<" + operation + "Response/>";
            };
            byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, bytes.length);
            exchange.getResponseBody().write(bytes);
            exchange.close();
        });
        server.start();
    }

    /**
     * The endpoint.
     *
     * @return {@code http://127.0.0.1:<port>}
     */
    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Runs a check on each call as it arrives (before it is answered).
     *
     * @param check the check
     */
    public void onCall(Consumer<Call> check) {
        this.onCall = check;
    }

    /**
     * The calls of one operation so far.
     *
     * @param operation the operation
     * @return its calls, in order
     */
    public List<Call> calls(String operation) {
        synchronized (calls) {
            return calls.stream().filter(call -> call.operation().equals(operation)).toList();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
