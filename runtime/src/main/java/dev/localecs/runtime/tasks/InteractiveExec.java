package dev.localecs.runtime.tasks;

import java.util.Optional;

/**
 * A command running with a terminal in a task container ({@code docker exec -it}): what ECS Exec's data
 * channel writes to and resizes. Its output and its end go to the {@link Output} given when it started.
 */
public interface InteractiveExec extends AutoCloseable {

    /**
     * Writes keystrokes (bytes) to the command's terminal.
     *
     * @param input the bytes
     */
    void write(byte[] input);

    /**
     * Sets the terminal's size.
     *
     * @param columns the columns
     * @param rows the rows
     */
    void resize(int columns, int rows);

    /** Detaches from the command (its terminal's input closes); the output's {@code ended} follows. */
    @Override
    void close();

    /** Receives what the command writes to its terminal, then its end; called from the engine's threads. */
    interface Output {
        /**
         * Bytes the command wrote.
         *
         * @param data the bytes
         */
        void write(byte[] data);

        /**
         * The command ended (it exited, the container stopped, or the exec was closed); called once.
         *
         * @param exitCode the exit code, when the engine knows it
         */
        void ended(Optional<Integer> exitCode);
    }
}
