package dev.localecs.runtime.compose;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every task definition of the corpus converts to its golden compose file. Regenerate the golden files
 * after an intended change with {@code -Dgolden.update=true} and review the diff.
 */
class ConverterCorpusTest {

    static List<Path> definitions() {
        return Corpus.definitions();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("definitions")
    void convertsToTheGoldenFile(Path definition) throws Exception {
        String converted = Corpus.convert(definition);
        Path golden = Corpus.golden(definition);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(golden, converted);
        }
        assertThat(golden).as("golden file; create it with -Dgolden.update=true").exists();
        assertThat(converted).isEqualTo(Files.readString(golden));
    }

    @org.junit.jupiter.api.Test
    void corpusHasAtLeastTwentyDefinitions() {
        assertThat(definitions()).hasSizeGreaterThanOrEqualTo(20);
    }
}
