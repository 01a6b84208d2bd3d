package dev.localecs.plugins.daemons;

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
 * The daemon scheduler's loop: woken by the daemon actions and by changes of daemon tasks (a task that stops is
 * replaced at once), and a tick every second over every daemon, so it resumes after a restart from the stored
 * daemons and the recovered tasks without starting a second copy.
 */
@Extension
public final class DaemonSchedulerWorker implements BackgroundWorker {
    private static final Logger LOG = LoggerFactory.getLogger(DaemonSchedulerWorker.class);
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
        running = true;
        subscription = context.tasks().subscribe(task -> scheduler.onTaskChange(task).ifPresent(store::wake));
        thread = Thread.ofPlatform().daemon().name("daemon-scheduler").start(() -> loop(store, scheduler));
    }

    private void loop(DaemonStore store, DaemonScheduler scheduler) {
        Instant nextTick = Instant.now();
        while (running) {
            try {
                if (!Instant.now().isBefore(nextTick)) {
                    scheduler.reconcileAll();
                    nextTick = Instant.now().plus(TICK);
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
                LOG.warn("Daemon scheduler step failed: {}", e.toString(), e);
                problem.set("The daemon scheduler failed: " + e.getMessage());
                nextTick = Instant.now().plus(TICK);
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
