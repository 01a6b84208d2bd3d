package dev.localecs.runtime.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An independent client of the Session Manager data channel: the npm packages {@code ssm-session} and
 * {@code ws}, installed with {@code npm} into {@code runtime/target/exec-node} the first time (the test fails
 * with the reason when node or npm is missing or the install fails), driven by {@code exec/ssm-client.js}.
 */
final class SsmSessionClient {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path HOME = RuntimeFixture.projectRoot().resolve("runtime/target/exec-node");

    private SsmSessionClient() {
    }

    /**
     * What the client saw.
     *
     * @param output the terminal output
     * @param channelClosed whether a {@code channel_closed} message came
     * @param channelClosedOutput its {@code Output}
     * @param closeCode the WebSocket close code
     * @param messages how many binary messages came
     * @param timedOut whether the session outlived the client's timeout
     */
    record Result(String output, boolean channelClosed, String channelClosedOutput, int closeCode, int messages,
                  boolean timedOut) {
    }

    /** Installs the packages (once) and the script. */
    static synchronized void install() throws IOException, InterruptedException {
        Files.createDirectories(HOME);
        try (InputStream script = SsmSessionClient.class.getResourceAsStream("/exec/ssm-client.js")) {
            if (script == null) {
                throw new IllegalStateException("exec/ssm-client.js is not on the test class path");
            }
            Files.copy(script, HOME.resolve("ssm-client.js"), StandardCopyOption.REPLACE_EXISTING);
        }
        if (Files.isDirectory(HOME.resolve("node_modules/ssm-session"))
                && Files.isDirectory(HOME.resolve("node_modules/ws"))) {
            return;
        }
        Process npm;
        try {
            npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--no-save", "--prefix",
                    HOME.toString(), "ssm-session@1.0.6", "ws@8").redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new AssertionError("ExecuteCommandIT needs npm (and node) to install its client, the npm packages "
                    + "ssm-session and ws; npm could not be started: " + e.getMessage()
                    + " (scripts/test.sh installs Debian's nodejs and npm)", e);
        }
        String log = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
            npm.destroyForcibly();
            throw new AssertionError("ExecuteCommandIT could not install its client: 'npm install ssm-session ws' "
                    + "failed:\n" + log);
        }
    }

    /**
     * Starts a session in the background.
     *
     * @param streamUrl ExecuteCommand's stream URL
     * @param token its token
     * @param input what to type once connected ({@code null}: nothing)
     * @param timeout how long the client waits for the session to end
     * @return the running client
     */
    static Process start(String streamUrl, String token, String input, Duration timeout) throws IOException {
        try {
            return new ProcessBuilder(List.of("node", HOME.resolve("ssm-client.js").toString(), streamUrl, token,
                    input == null ? "-" : input, Long.toString(timeout.toMillis())))
                    .directory(HOME.toFile()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        } catch (IOException e) {
            throw new AssertionError("ExecuteCommandIT needs node to run its client: " + e.getMessage(), e);
        }
    }

    /** Waits for a client started by {@link #start} and reads what it saw. */
    static Result await(Process client, Duration timeout) throws IOException, InterruptedException {
        String out = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!client.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            client.destroyForcibly();
            throw new AssertionError("the ssm-session client did not finish");
        }
        JsonNode node = JSON.readTree(out);
        if (node == null) {
            throw new AssertionError("the ssm-session client printed nothing (exit " + client.exitValue() + ")");
        }
        return new Result(node.path("output").asText(), node.path("channelClosed").asBoolean(),
                node.path("channelClosedOutput").asText(null), node.path("closeCode").asInt(-1),
                node.path("messages").asInt(), node.path("timedOut").asBoolean());
    }

    /** Runs a whole session. */
    static Result run(String streamUrl, String token, String input, Duration timeout)
            throws IOException, InterruptedException {
        return await(start(streamUrl, token, input, timeout), timeout.plusSeconds(10));
    }
}
