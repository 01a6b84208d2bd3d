package dev.localecs.plugins.services;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The service scheduler's loop: subscribed to task events (a service task that changes wakes its service), woken
 * by the service actions, and a tick (every second) that looks at every live service, so
 * the scheduler resumes after a restart from the stored services and the recovered tasks without duplicates.
 */
@Extension
public final class ServiceSchedulerWorker implements BackgroundWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceSchedulerWorker.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final PluginContext context;
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;
    private TaskSubscription subscription;

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
        ServiceScheduler scheduler = new ServiceScheduler(DrainingContext.of(context), store,
                ServiceNetworks.of(context)::targetFailure);
        Duration tick = TICK;
        running = true;
        subscription = context.tasks().subscribe(task -> scheduler.onTaskChange(task).ifPresent(store::wake));
        thread = Thread.ofPlatform().daemon().name("service-scheduler").start(() -> loop(store, scheduler, tick));
    }

    private void loop(ServiceStore store, ServiceScheduler scheduler, Duration tick) {
        Instant nextTick = Instant.now();
        while (running) {
            try {
                if (!Instant.now().isBefore(nextTick)) {
                    scheduler.reconcileAll();
                    nextTick = Instant.now().plus(tick);
                }
                Optional<String> key = store.nextWake(Duration.between(Instant.now(), nextTick));
                if (key.isPresent()) {
                    scheduler.reconcile(key.get());
                }
                problem.set(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Service scheduler step failed: {}", e.toString(), e);
                problem.set("The service scheduler failed: " + e.getMessage());
                nextTick = Instant.now().plus(tick);
            }
        }
    }

    @Override
    public void stop() {
        running = false;
        if (subscription != null) {
            subscription.close();
        }
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }
}
