package dev.localecs.plugins.services;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.work.ReconcileLoop;
import dev.localecs.api.work.WakeQueue;
import dev.localecs.plugins.services.network.ServiceNetworking;
import java.time.Duration;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * Keeps the services' network ({@link ServiceNetworking}) matching their tasks: woken by every change of a
 * service's task (coalesced), and each second, so that a task that turns RUNNING is in its balancers and
 * registrations at once and one that stops is out; each look also starts the front doors' HTTP health checks
 * that are due.
 */
@Extension
public final class ServiceNetworkWorker implements BackgroundWorker {
    private static final Duration TICK = Duration.ofSeconds(1);
    /** The network is refreshed as a whole: one key stands for it. */
    private static final String NETWORK = "service-network";

    private final PluginContext context;
    private final WakeQueue wakes = new WakeQueue();
    private ServiceNetworking networking;
    private TaskSubscription subscription;
    private ReconcileLoop loop;

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
        networking = ServiceNetworks.of(context);
        subscription = context.tasks().subscribe(task -> {
            if (task.group() != null && task.group().startsWith("service:")) {
                wakes.wake(NETWORK);
            }
        });
        loop = ReconcileLoop.start("service-network", TICK, wakes, new ReconcileLoop.Reconciler() {
            @Override
            public void reconcileAll() {
                networking.refresh(ServiceNetworks.views(store));
                networking.checkHealth();
            }

            @Override
            public void reconcile(String key) {
                reconcileAll();
            }
        });
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (loop != null) {
            loop.close();
        }
        ServiceNetworks.of(context).close();
    }

    @Override
    public Optional<String> problem() {
        if (loop == null) {
            return Optional.empty();
        }
        return loop.problem().or(networking::problem);
    }
}
