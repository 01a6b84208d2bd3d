package dev.localecs.plugins.services;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import dev.localecs.plugins.services.network.ServiceNetworking;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the services' network ({@link ServiceNetworking}) matching their tasks: woken by every change of a
 * service's task (coalesced), and each second, so that a task that turns RUNNING is in its balancers and
 * registrations at once and one that stops is out; each tick also starts the front doors' HTTP health checks
 * that are due.
 */
@Extension
public final class ServiceNetworkWorker implements BackgroundWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ServiceNetworkWorker.class);
    private static final Duration TICK = Duration.ofSeconds(1);

    private final PluginContext context;
    private final Semaphore wake = new Semaphore(0);
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;
    private TaskSubscription subscription;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public ServiceNetworkWorker(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "service-network";
    }

    @Override
    public int order() {
        return 110;
    }

    @Override
    public void start() {
        ServiceStore store = ServiceStore.of(context);
        ServiceNetworking networking = ServiceNetworks.of(context);
        running = true;
        subscription = context.tasks().subscribe(task -> {
            if (task.group() != null && task.group().startsWith("service:")) {
                wake.release();
            }
        });
        thread = Thread.ofPlatform().daemon().name("service-network").start(() -> loop(store, networking));
    }

    private void loop(ServiceStore store, ServiceNetworking networking) {
        while (running) {
            try {
                wake.tryAcquire(TICK.toMillis(), TimeUnit.MILLISECONDS);
                wake.drainPermits();
                networking.refresh(ServiceNetworks.views(store));
                networking.checkHealth();
                problem.set(networking.problem().orElse(null));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Service network step failed: {}", e.toString(), e);
                problem.set("The service network failed: " + e.getMessage());
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
        ServiceNetworks.of(context).close();
    }

    @Override
    public Optional<String> problem() {
        return Optional.ofNullable(problem.get());
    }
}
