package dev.localecs.plugins.services;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.work.ReconcileLoop;
import java.time.Duration;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The service scheduler's loop: subscribed to task events (a service task that changes wakes its service), woken
 * by the service actions, and a tick (every second) that looks at every live service, so
 * the scheduler resumes after a restart from the stored services and the recovered tasks without duplicates.
 */
@Extension
public final class ServiceSchedulerWorker implements BackgroundWorker {
    private static final Duration TICK = Duration.ofSeconds(1);

    private final PluginContext context;
    private TaskSubscription subscription;
    private AutoCloseable drain;
    private ReconcileLoop loop;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public ServiceSchedulerWorker(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "service-scheduler";
    }

    @Override
    public void start() {
        ServiceStore store = ServiceStore.of(context);
        ServiceScheduler scheduler = new ServiceScheduler(context, store, ServiceNetworks.of(context)::targetFailure);
        drain = ServiceTaskListeners.of(context).add(new NetworkDrain(ServiceNetworks.of(context)));
        subscription = context.tasks().subscribe(task -> scheduler.onTaskChange(task).ifPresent(store::wake));
        loop = ReconcileLoop.start("service-scheduler", TICK, store.wakes(), scheduler);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (loop != null) {
            loop.close();
        }
        if (drain != null) {
            try {
                drain.close();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    @Override
    public Optional<String> problem() {
        return loop == null ? Optional.empty() : loop.problem();
    }
}
