package dev.localecs.runtime.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code /health}'s engine probe answers within its deadline whatever the engine's socket does. */
class DockerProbeTest {
    @TempDir
    Path dir;

    @Test
    void anEngineThatAcceptsButNeverAnswersIsUnreachableAfterTheDeadline() throws Exception {
        Path socket = dir.resolve("silent.sock");
        List<SocketChannel> held = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socket));
            Thread accepter = Thread.ofVirtual().start(() -> {
                try {
                    while (true) {
                        held.add(server.accept()); // accepted, never answered
                    }
                } catch (Exception closed) {
                    // the server closed at the end of the test
                }
            });
            try (DockerProbe probe = new DockerProbe("unix://" + socket, Duration.ofMillis(1500))) {
                Map<String, Object> result = probe.probe();
                assertThat(result).containsEntry("reachable", false).containsEntry("error", "no answer within 1500 ms");
            } finally {
                server.close();
                accepter.join(5_000);
                for (SocketChannel channel : held) {
                    channel.close();
                }
            }
        }
    }

    @Test
    void aMissingSocketIsUnreachableWithTheCause() throws Exception {
        try (DockerProbe probe = new DockerProbe("unix://" + dir.resolve("absent.sock"), Duration.ofSeconds(5))) {
            Map<String, Object> result = probe.probe();
            assertThat(result).containsEntry("reachable", false);
            assertThat((String) result.get("error")).isNotBlank().doesNotContain("no answer within");
        }
    }
}
