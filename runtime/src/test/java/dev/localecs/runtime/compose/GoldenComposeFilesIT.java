package dev.localecs.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden compose file of the corpus is accepted by {@code docker-compose config}. */
class GoldenComposeFilesIT {

    static List<Path> definitions() {
        return Corpus.definitions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void dockerComposeAcceptsTheGoldenFile(Path definition) {
        Path golden = Corpus.golden(definition);
        DockerComposeCli.Result result = DockerComposeCli.config(golden.getParent(), List.of(golden));
        assertThat(result.exitCode()).as("docker-compose config %s: %s", golden.getFileName(), result.error())
                .isZero();
        assertThat(result.output()).contains("services:");
    }
}
