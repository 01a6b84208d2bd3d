package dev.localecs.runtime.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.Frame;
import dev.localecs.runtime.tasks.InteractiveExec;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;

/**
 * {@code docker exec -it}: a command with a TTY in a running container, its standard input fed by
 * {@link #write(byte[])}, its terminal output and its end reported to the {@link InteractiveExec.Output}.
 * The end comes when the command exits, when the container stops (the engine closes the stream), or after
 * {@link #close()}.
 */
final class InteractiveDockerExec implements InteractiveExec {
    private static final Logger LOG = Logger.getLogger(InteractiveDockerExec.class.getName());

    private final DockerClient docker;
    private final String containerId;
    private final String execId;
    private final TerminalInput input = new TerminalInput();
    private final AtomicBoolean ended = new AtomicBoolean();
    private final AtomicLong sizeVersion = new AtomicLong();
    private final Output output;
    private volatile ResultCallback.Adapter<Frame> stream;

    private InteractiveDockerExec(DockerClient docker, String containerId, String execId, Output output) {
        this.docker = docker;
        this.containerId = containerId;
        this.execId = execId;
        this.output = output;
    }

    /**
     * Creates and starts the exec.
     *
     * @throws IllegalStateException when the engine refuses it (container gone, command not found by the engine)
     */
    static InteractiveDockerExec start(DockerClient docker, String containerId, List<String> command, Output output) {
        String execId;
        try {
            execId = docker.execCreateCmd(containerId).withCmd(command.toArray(String[]::new)).withTty(true)
                    .withAttachStdin(true).withAttachStdout(true).withAttachStderr(true).exec().getId();
        } catch (DockerException e) {
            throw new IllegalStateException(e.getMessage().trim(), e);
        }
        InteractiveDockerExec exec = new InteractiveDockerExec(docker, containerId, execId, output);
        exec.attach();
        return exec;
    }

    private void attach() {
        try {
            stream = docker.execStartCmd(execId).withTty(true).withStdIn(input).exec(new ResultCallback.Adapter<>() {
                @Override
                public void onNext(Frame frame) {
                    output.write(frame.getPayload());
                }

                @Override
                public void onError(Throwable throwable) {
                    LOG.fine("Exec " + execId + " stream failed: " + throwable);
                    finish();
                }

                @Override
                public void onComplete() {
                    finish();
                }
            });
        } catch (DockerException e) {
            throw new IllegalStateException(e.getMessage().trim(), e);
        }
    }

    private void finish() {
        if (!ended.compareAndSet(false, true)) {
            return;
        }
        input.close();
        Optional<Integer> exitCode = Optional.empty();
        try {
            Long code = docker.inspectExecCmd(execId).exec().getExitCodeLong();
            exitCode = Optional.ofNullable(code).map(Long::intValue);
        } catch (RuntimeException e) {
            LOG.fine("Exec " + execId + ": no exit code (" + e.getMessage() + ")");
        }
        output.ended(exitCode);
    }

    private void hangUp() {
        try {
            var exec = docker.inspectExecCmd(execId).exec();
            Long pid = exec.getPidLong();
            if (Boolean.TRUE.equals(exec.isRunning()) && pid != null && pid > 0) {
                ExecHangUp.send(pid, containerId);
            }
        } catch (RuntimeException e) {
            LOG.fine("Exec " + execId + ": cannot hang up (" + e.getMessage() + ")");
        }
    }

    @Override
    public void write(byte[] data) {
        input.write(data);
    }

    @Override
    public void resize(int columns, int rows) {
        if (columns <= 0 || rows <= 0 || ended.get()) {
            return;
        }
        long version = sizeVersion.incrementAndGet();
        if (!tryResize(columns, rows)) {
            // the client's first size often comes before the engine has the exec's TTY: try again briefly
            Thread.ofVirtual().name("exec-resize-" + execId).start(() -> {
                for (int attempt = 0; attempt < 20 && !ended.get() && sizeVersion.get() == version; attempt++) {
                    try {
                        Thread.sleep(50);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                    if (tryResize(columns, rows)) {
                        return;
                    }
                }
            });
        }
    }

    private boolean tryResize(int columns, int rows) {
        try {
            docker.resizeExecCmd(execId).withSize(rows, columns).exec();
            return true;
        } catch (RuntimeException e) {
            LOG.fine("Resizing exec " + execId + ": " + e.getMessage());
            return false;
        }
    }

    /**
     * Detaches; a command still running is hung up first, as a terminal that goes away hangs up its shell
     * (Docker keeps an exec running when its client leaves, and has no call to end one).
     */
    @Override
    public void close() {
        if (!ended.get()) {
            hangUp();
        }
        input.close();
        ResultCallback.Adapter<Frame> current = stream;
        if (current != null) {
            try {
                current.close();
            } catch (IOException e) {
                LOG.fine("Closing exec " + execId + ": " + e.getMessage());
            }
        }
        finish();
    }
}
