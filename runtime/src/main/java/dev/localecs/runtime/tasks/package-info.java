/**
 * The ECS task lifecycle: TaskManager (the TaskService face), TaskLifecycle (the only writer of statuses), TaskHistory (memory, disk, retention), TaskLauncher, TaskRecovery, task events, and TaskEngine, the seam to engines.
 */
package dev.localecs.runtime.tasks;
