package dev.localecs.api.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
    @TempDir
    Path dir;

    @Test
    void createsParentsAndReplacesContentWholly() throws Exception {
        Path file = dir.resolve("a/b/state.json");
        AtomicFiles.write(file, "first, longer content".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, "second".getBytes(StandardCharsets.UTF_8));

        assertThat(Files.readString(file)).isEqualTo("second");
        try (Stream<Path> siblings = Files.list(file.getParent())) {
            assertThat(siblings).containsExactly(file);
        }
    }
}
