package dev.localecs.plugins.daemons;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskSubscription;
import dev.localecs.api.work.ReconcileLoop;
import java.time.Duration;
import java.util.Optional;
import org.pf4j.Extension;

/**
 * The daemon scheduler's loop: woken by the daemon actions and by changes of daemon tasks (a task that stops is
 * replaced at once), and a tick every second over every daemon, so it resumes after a restart from the stored
 * daemons and the recovered tasks without starting a second copy.
 */
@Extension
public final class DaemonSchedulerWorker implements BackgroundWorker {
    private static final Duration TICK = Duration.ofSeconds(1);

    private final PluginContext context;
    private TaskSubscription subscription;
    private ReconcileLoop loop;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public DaemonSchedulerWorker(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "daemon-scheduler";
    }

    @Override
    public void start() {
        DaemonStore store = DaemonStore.of(context);
        DaemonScheduler scheduler = new DaemonScheduler(context, store);
        subscription = context.tasks().subscribe(task -> scheduler.onTaskChange(task).ifPresent(store::wake));
        loop = ReconcileLoop.start("daemon-scheduler", TICK, store.wakes(), scheduler);
    }

    @Override
    public void stop() {
        if (subscription != null) {
            subscription.close();
        }
        if (loop != null) {
            loop.close();
        }
    }

    @Override
    public Optional<String> problem() {
        return loop == null ? Optional.empty() : loop.problem();
    }
}
