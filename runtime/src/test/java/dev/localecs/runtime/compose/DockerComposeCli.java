package dev.localecs.runtime.compose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Debian's {@code docker-compose} (1.29), run as a reviewer would: {@code docker-compose -f … config}. */
final class DockerComposeCli {
    private DockerComposeCli() {
    }

    record Result(int exitCode, String output, String error) {
    }

    static Result config(Path workDir, List<Path> files) {
        List<String> command = new ArrayList<>(List.of("docker-compose", "--project-directory", workDir.toString()));
        files.forEach(file -> {
            command.add("-f");
            command.add(file.toString());
        });
        command.add("config");
        try {
            Process process = new ProcessBuilder(command).directory(workDir.toFile()).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("docker-compose config did not finish within 60 s");
            }
            return new Result(process.exitValue(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run docker-compose (install Debian's docker-compose)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
