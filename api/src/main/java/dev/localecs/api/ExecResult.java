package dev.localecs.api;

import static java.util.Objects.requireNonNull;

/**
 * What a command run in a task container produced.
 *
 * @param exitCode the command's exit code
 * @param output its standard output and error, interleaved as written
 */
public record ExecResult(int exitCode, String output) {

    /**
     * Validates the components.
     *
     * @param exitCode the exit code
     * @param output the output
     */
    public ExecResult {
        requireNonNull(output, "output is null");
    }
}
