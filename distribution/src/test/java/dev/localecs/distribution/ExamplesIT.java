package dev.localecs.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every example in {@code distribution/examples/} is accepted by {@code docker-compose config}. */
class ExamplesIT {
    private static final Path EXAMPLES = Path.of(System.getProperty("distribution.dir", "target/local-ecs-api"))
            .toAbsolutePath().getParent().getParent().resolve("examples");

    static List<Path> examples() throws IOException {
        try (Stream<Path> files = Files.list(EXAMPLES)) {
            return files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void dockerComposeAcceptsTheExample(Path example) throws Exception {
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", example.toString(), "config")
                .redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", "example");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "example");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
        assertThat(output).contains("local-ecs-api:").contains("/var/run/docker.sock");
    }

    @org.junit.jupiter.api.Test
    void theFourDocumentedSetupsExist() throws IOException {
        assertThat(examples()).extracting(p -> p.getFileName().toString()).containsExactly(
                "env-credentials.yml", "local-emulator.yml", "offline.yml", "profile-credentials.yml");
    }
}
