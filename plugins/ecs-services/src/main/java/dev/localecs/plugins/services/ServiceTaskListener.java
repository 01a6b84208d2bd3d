package dev.localecs.plugins.services;

import dev.localecs.api.model.Task;

/**
 * Told by the scheduler when it adds a task to a service and before it stops one, so the parts that follow a
 * service's tasks (Service Connect, discovery, load balancers) can register a task and take it out of rotation
 * first. Called under the service's lock: register work quickly or hand it to a thread of your own. Register one
 * with {@link ServiceTaskListeners#add(ServiceTaskListener)}.
 */
interface ServiceTaskListener {

    /** A task the scheduler just launched for {@code service} (PROVISIONING or PENDING). */
    default void started(StoredService service, Task task) {
    }

    /** A task of {@code service} the scheduler is about to stop, with the stoppedReason it will give. */
    default void stopping(StoredService service, Task task, String reason) {
    }
}
