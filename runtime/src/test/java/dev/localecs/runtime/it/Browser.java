package dev.localecs.runtime.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Headless Chromium (Debian's {@code /usr/bin/chromium}) driven by Playwright ({@code playwright-core} from
 * npm, installed into {@code runtime/target/playwright} on first use): runs a Node scenario script from the
 * test resources and answers its output. Fails with a message naming what to install when node, npm or
 * chromium is missing.
 */
final class Browser {
    static final String PLAYWRIGHT = "playwright-core@1.65.1";
    static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));
    private static final Path TARGET = RuntimeFixture.projectRoot().resolve("runtime/target");
    private static volatile boolean installed;

    private Browser() {
    }

    /** Where screenshots and captured pages go. */
    static Path artefacts() {
        Path dir = TARGET.resolve("ui-screenshots");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir;
    }

    /**
     * Runs a scenario to its end (bounded) and asserts it passed.
     *
     * @param scenario the script's name under {@code src/test/resources/ui/}
     * @param environment what the script reads (base URL, task ids…)
     * @return the script's output
     */
    static String run(String scenario, Map<String, String> environment) {
        Path modules = install();
        Path script = modules.resolve(scenario);
        for (String name : List.of("lib.mjs", scenario)) {
            try (InputStream in = Browser.class.getResourceAsStream("/ui/" + name)) {
                assertThat(in).as("test resource ui/" + name).isNotNull();
                Files.write(modules.resolve(name), in.readAllBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        ProcessBuilder builder = new ProcessBuilder("node", script.toString()).directory(modules.toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("CHROMIUM", CHROMIUM.toString());
        builder.environment().put("ARTEFACTS", artefacts().toString());
        builder.environment().put("AWS_ACCESS_KEY_ID", "test");
        builder.environment().put("AWS_SECRET_ACCESS_KEY", "test");
        builder.environment().put("AWS_DEFAULT_REGION", "us-east-1");
        builder.environment().remove("AWS_PROFILE");
        Result result = exec(builder, 300);
        assertThat(result.exitCode()).as("browser scenario " + scenario + ":\n" + result.output()).isZero();
        return result.output();
    }

    private static synchronized Path install() {
        Path dir = TARGET.resolve("playwright");
        if (installed) {
            return dir;
        }
        List<String> missing = new ArrayList<>();
        if (!onPath("node")) {
            missing.add("node (Debian: apt-get install nodejs)");
        }
        if (!onPath("npm")) {
            missing.add("npm (Debian: apt-get install npm)");
        }
        if (!Files.isExecutable(CHROMIUM)) {
            missing.add("chromium at " + CHROMIUM + " (Debian: apt-get install chromium; or set CHROMIUM)");
        }
        assertThat(missing).as("The dashboard's browser tests need these; scripts/test.sh installs them").isEmpty();
        try {
            Files.createDirectories(dir);
            if (!Files.isRegularFile(dir.resolve("node_modules/playwright-core/package.json"))) {
                Files.writeString(dir.resolve("package.json"), "{\"name\": \"local-ecs-ui-tests\", \"private\": true}\n");
                Result result = exec(new ProcessBuilder("npm", "install", "--no-audit", "--no-fund",
                        "--no-save", PLAYWRIGHT).directory(dir.toFile()).redirectErrorStream(true), 300);
                assertThat(result.exitCode()).as("npm install " + PLAYWRIGHT + " (needs the npm registry):\n"
                        + result.output()).isZero();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        installed = true;
        return dir;
    }

    private static boolean onPath(String command) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    record Result(int exitCode, String output) {
    }

    static Result exec(ProcessBuilder builder, int timeoutSeconds) {
        try {
            Path log = Files.createTempFile("browser", ".log");
            Process process = builder.redirectOutput(log.toFile()).start();
            process.getOutputStream().close();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                return new Result(-1, "timed out after " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
