package dev.localecs.runtime.ui;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One page's {@code text/event-stream} of task changes: writes the hub's shared frames as they come, a
 * comment every {@link #KEEP_ALIVE} so proxies and the browser keep the connection, and a {@code resync}
 * event when the connection fell behind the hub's ring (the page reloads its lists).
 *
 * @param hub the shared fan-out
 */
record EventStream(TaskEventHub hub) {
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    private static final byte[] HELLO = "retry: 1000\nevent: hello\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] PING = ": keep-alive\n\n".getBytes(StandardCharsets.UTF_8);
    private static final byte[] RESYNC = "event: resync\ndata: {}\n\n".getBytes(StandardCharsets.UTF_8);

    void serve(ServerRequest req, ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        long seen = hub.sequence();
        try (OutputStream out = res.outputStream()) {
            write(out, HELLO);
            while (true) {
                TaskEventHub.News news = hub.await(seen, KEEP_ALIVE);
                if (news.closed()) {
                    return;
                }
                if (news.missed()) {
                    write(out, RESYNC);
                }
                if (news.batches().isEmpty()) {
                    write(out, PING);
                }
                for (TaskEventHub.Batch batch : news.batches()) {
                    write(out, batch.bytes());
                    seen = batch.sequence();
                }
            }
        } catch (IOException | RuntimeException e) {
            // the page went away
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void write(OutputStream out, byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }
}
