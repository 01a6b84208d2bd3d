package dev.localecs.runtime.exec;

import dev.localecs.runtime.tasks.InteractiveExec;

/** Starts a session's command with a terminal in its container. */
@FunctionalInterface
interface ExecLauncher {
    /**
     * Starts the command.
     *
     * @param session the claimed session (task, container, command)
     * @param output receives the terminal's output and the end
     * @return the running command
     * @throws RuntimeException with a message for the user when it cannot start
     */
    InteractiveExec start(ExecSessionRegistry.Claimed session, InteractiveExec.Output output);
}
