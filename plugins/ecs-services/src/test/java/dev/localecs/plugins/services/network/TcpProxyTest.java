package dev.localecs.plugins.services.network;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The proxy on loopback sockets: backends that answer their own name to each connection. */
class TcpProxyTest {
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : open) {
            closeable.close();
        }
    }

    /** A backend that reads one line and answers {@code <name> <line>}, then closes. */
    private Backend backend(String name) throws IOException {
        ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        open.add(server);
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try (Socket socket = server.accept()) {
                    String line = new String(socket.getInputStream().readNBytes(5), StandardCharsets.US_ASCII);
                    socket.getOutputStream().write((name + " " + line).getBytes(StandardCharsets.US_ASCII));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return new Backend("arn:task/" + name, "127.0.0.1", server.getLocalPort());
    }

    /** A port nothing listens on: connections are refused. */
    private static Backend refusing() throws IOException {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        return new Backend("arn:task/gone", "127.0.0.1", port);
    }

    private TcpProxy proxy(Balancer balancer) throws IOException {
        TcpProxy proxy = TcpProxy.start("test", new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), balancer);
        open.add(proxy);
        return proxy;
    }

    private static String ask(TcpProxy proxy) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(proxy.address(), 2_000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write("hello".getBytes(StandardCharsets.US_ASCII));
            socket.shutdownOutput();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
        }
    }

    @Test
    void connectionsAreSpreadOverTheBackendsAndRelayedBothWays() throws IOException {
        Balancer balancer = new Balancer();
        balancer.update(List.of(backend("one"), backend("two")));
        TcpProxy proxy = proxy(balancer);
        List<String> answers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            answers.add(ask(proxy));
        }
        assertThat(answers).containsExactly("one hello", "two hello", "one hello", "two hello");
    }

    @Test
    void aBackendThatRefusesIsSkippedForTheNextOne() throws IOException {
        Balancer balancer = new Balancer();
        balancer.update(List.of(refusing(), backend("alive")));
        TcpProxy proxy = proxy(balancer);
        for (int i = 0; i < 3; i++) {
            assertThat(ask(proxy)).isEqualTo("alive hello");
        }
    }

    @Test
    void aDrainedBackendGetsNoNewConnection() throws IOException {
        Balancer balancer = new Balancer();
        Backend leaving = backend("leaving");
        balancer.update(List.of(leaving, backend("staying")));
        TcpProxy proxy = proxy(balancer);
        balancer.drain(leaving.taskArn());
        for (int i = 0; i < 3; i++) {
            assertThat(ask(proxy)).isEqualTo("staying hello");
        }
    }

    @Test
    void withNoBackendAConnectionWaitsForOneInsteadOfBeingDropped() throws Exception {
        Balancer balancer = new Balancer();
        TcpProxy proxy = proxy(balancer);
        Backend late = backend("late");
        Thread.ofVirtual().start(() -> {
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            balancer.update(List.of(late));
        });
        assertThat(ask(proxy)).isEqualTo("late hello");
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (balancer.active(late.taskArn()) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(balancer.active(late.taskArn())).as("the connection's end is counted").isZero();
    }
}
