package dev.localecs.runtime.docker;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * SIGHUP to an exec's process, by the host process id the engine reports — only when that id names a process
 * of the exec's container in this process's view of {@code /proc} (its cgroup names the container), so a
 * runtime in another PID namespace (its own container) never signals a stranger. Where it cannot, the process
 * stays until it ends by itself or the container stops.
 */
final class ExecHangUp {
    private static final Logger LOG = Logger.getLogger(ExecHangUp.class.getName());

    private ExecHangUp() {
    }

    /**
     * Hangs up a process of a container.
     *
     * @param pid the host process id
     * @param containerId the full container id
     * @return whether the signal was sent
     */
    static boolean send(long pid, String containerId) {
        return send(Path.of("/proc"), pid, containerId);
    }

    static boolean send(Path proc, long pid, String containerId) {
        if (!belongsTo(proc, pid, containerId)) {
            LOG.fine("Process " + pid + " is not visible as a process of container " + containerId + "; not signalled");
            return false;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(pid)).redirectErrorStream(true).start();
            kill.getOutputStream().close();
            kill.getInputStream().readAllBytes();
            return kill.waitFor(5, TimeUnit.SECONDS) && kill.exitValue() == 0;
        } catch (IOException e) {
            LOG.fine("kill -HUP " + pid + ": " + e.getMessage());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Whether {@code <proc>/<pid>/cgroup} names the container (cgroupfs and systemd drivers both do). */
    static boolean belongsTo(Path proc, long pid, String containerId) {
        if (containerId.length() < 12) {
            return false;
        }
        try {
            return Files.readString(proc.resolve(Long.toString(pid)).resolve("cgroup")).contains(containerId);
        } catch (IOException e) {
            return false;
        }
    }
}
