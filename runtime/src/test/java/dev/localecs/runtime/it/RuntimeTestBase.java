package dev.localecs.runtime.it;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/** A fresh runtime with the built-in plugins and an empty state folder for every test. */
abstract class RuntimeTestBase {
    @TempDir
    Path state;
    RuntimeFixture runtime;

    @BeforeEach
    void startRuntime() {
        runtime = RuntimeFixture.start(state, Map.of());
    }

    @AfterEach
    void stopRuntime() {
        runtime.close();
    }
}
