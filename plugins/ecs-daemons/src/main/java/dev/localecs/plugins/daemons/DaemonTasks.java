package dev.localecs.plugins.daemons;

import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Optional;

/** A daemon's tasks: those of its cluster in the group {@code daemon:<name>}. */
final class DaemonTasks {
    static final String GROUP_PREFIX = "daemon:";

    private DaemonTasks() {
    }

    static String group(StoredDaemon daemon) {
        return GROUP_PREFIX + daemon.daemonName();
    }

    /** The daemon's tasks whose desired status is RUNNING, newest first. */
    static List<Task> live(PluginContext context, StoredDaemon daemon) {
        return context.tasks().list(new TaskFilter(daemon.cluster(), Optional.empty(), Optional.empty(), "RUNNING",
                Optional.empty(), Optional.empty())).stream()
                .filter(task -> group(daemon).equals(task.group()))
                .toList();
    }

    /** The daemon's tasks asked to stop that have not stopped yet (the instance is draining). */
    static List<Task> stopping(PluginContext context, StoredDaemon daemon) {
        return context.tasks().list(new TaskFilter(daemon.cluster(), Optional.empty(), Optional.empty(), "STOPPED",
                Optional.empty(), Optional.empty())).stream()
                .filter(task -> group(daemon).equals(task.group()) && !"STOPPED".equals(task.lastStatus()))
                .toList();
    }

    /** Whether a task runs the given revision of the daemon. */
    static boolean runs(StoredDaemon daemon, Task task, String revisionArn) {
        return task.startedBy() != null && daemon.revisionOfTask(task.startedBy())
                .filter(revisionArn::equals).isPresent();
    }

    /** How many of the daemon's live tasks of a revision are RUNNING. */
    static int running(List<Task> live, StoredDaemon daemon, String revisionArn) {
        return (int) live.stream().filter(task -> runs(daemon, task, revisionArn))
                .filter(task -> "RUNNING".equals(task.lastStatus())).count();
    }
}
