package dev.localecs.plugins.services;

import dev.localecs.api.PluginContext;
import dev.localecs.api.model.Task;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link ServiceTaskListener}s of one plugin context; a listener's failure is logged and contained. */
final class ServiceTaskListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceTaskListeners.class);
    private static final Map<PluginContext, ServiceTaskListeners> ALL = new WeakHashMap<>();

    private final List<ServiceTaskListener> listeners = new CopyOnWriteArrayList<>();

    private ServiceTaskListeners() {
    }

    static ServiceTaskListeners of(PluginContext context) {
        synchronized (ALL) {
            return ALL.computeIfAbsent(context, c -> new ServiceTaskListeners());
        }
    }

    /** Adds a listener; the returned handle removes it. */
    AutoCloseable add(ServiceTaskListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    void started(StoredService service, Task task) {
        for (ServiceTaskListener listener : listeners) {
            try {
                listener.started(service, task);
            } catch (RuntimeException e) {
                LOG.warn("Service task listener {} failed on a started task of {}: {}", listener,
                        service.serviceArn(), e.toString());
            }
        }
    }

    void stopping(StoredService service, Task task, String reason) {
        for (ServiceTaskListener listener : listeners) {
            try {
                listener.stopping(service, task, reason);
            } catch (RuntimeException e) {
                LOG.warn("Service task listener {} failed on a stopping task of {}: {}", listener,
                        service.serviceArn(), e.toString());
            }
        }
    }
}
