package dev.localecs.plugins.services;

import dev.localecs.api.model.Task;
import dev.localecs.plugins.services.network.ServiceNetworking;

/**
 * A task the scheduler stops leaves every Service Connect balancer, front door, Cloud Map service and target group
 * first, so no new connection reaches a task that is getting its stop signal. The scheduler tells its
 * {@link ServiceTaskListeners} before it stops a task; the scheduler's worker registers this one.
 *
 * @param networking the services' networking
 */
record NetworkDrain(ServiceNetworking networking) implements ServiceTaskListener {
    @Override
    public void stopping(StoredService service, Task task, String reason) {
        networking.drain(service.cluster(), task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1));
    }
}
