package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What clients speaking HTTP/1.0 (load tools such as {@code ab}, some proxies) get, over a raw socket. */
class HttpVersionIT {
    @TempDir
    static Path state;
    private static RuntimeFixture runtime;

    @BeforeAll
    static void start() {
        runtime = RuntimeFixture.start(state, Map.of());
    }

    @AfterAll
    static void stop() {
        runtime.close();
    }

    /**
     * Sends a request as written and reads one response: the head, then as many body bytes as its
     * Content-Length says (Helidon does not close the connection after {@code Connection: close} itself).
     * Appends {@code <closed>} when the server then closes the connection.
     */
    static String exchange(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", runtime.endpoint().getPort()), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream head = new ByteArrayOutputStream();
            while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    return head.toString(StandardCharsets.UTF_8) + "<closed>";
                }
                head.write(b);
            }
            String headers = head.toString(StandardCharsets.US_ASCII);
            int length = headers.lines().filter(l -> l.toLowerCase(Locale.ROOT).startsWith("content-length:"))
                    .map(l -> Integer.parseInt(l.substring(l.indexOf(':') + 1).trim())).findFirst().orElse(0);
            String body = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            socket.setSoTimeout(3_000);
            String closed;
            try {
                closed = in.read() < 0 ? "<closed>" : "<more>";
            } catch (SocketTimeoutException open) {
                closed = "<open>";
            }
            return headers + body + closed;
        }
    }

    @Test
    void http10RequestsGet505SayingWhyAndTheConnectionCloses() throws IOException {
        String answer = exchange("GET /health HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 505 ");
        assertThat(answer.lines()).anyMatch(line -> line.equalsIgnoreCase("Connection: close"));
        assertThat(answer.substring(answer.indexOf("\r\n\r\n") + 4))
                .contains("HTTP/1.0 is not supported")
                .contains("Send HTTP/1.1 requests")
                .endsWith("<closed>");
    }

    @Test
    void theSameRequestAsHttp11IsAnswered() throws IOException {
        String answer = exchange("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");

        assertThat(answer).startsWith("HTTP/1.1 200 ").contains("\"status\"");
    }
}
