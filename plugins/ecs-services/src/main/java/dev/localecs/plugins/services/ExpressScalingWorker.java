package dev.localecs.plugins.services;

import dev.localecs.api.BackgroundWorker;
import dev.localecs.api.PluginContext;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.pf4j.Extension;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The express services' auto scaling loop: one {@link ExpressScaling} period every
 * {@code express-scaling.period-seconds}.
 */
@Extension
public final class ExpressScalingWorker implements BackgroundWorker {
    private static final Logger LOG = LoggerFactory.getLogger(ExpressScalingWorker.class);

    private final PluginContext context;
    private final AtomicReference<String> problem = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    /**
     * Creates the worker.
     *
     * @param context the runtime's services
     */
    public ExpressScalingWorker(PluginContext context) {
        this.context = context;
    }

    @Override
    public String name() {
        return "express-scaling";
    }

    @Override
    public int order() {
        return 120;
    }

    @Override
    public void start() {
        ScalingSettings settings = ScalingSettings.read(context.config());
        ExpressScaling scaling = new ExpressScaling(context, ServiceStore.of(context), settings,
                ServiceNetworks.of(context)::frontDoorRequests);
        running = true;
        thread = Thread.ofPlatform().daemon().name("express-scaling").start(() -> loop(scaling, settings.period()));
    }

    private void loop(ExpressScaling scaling, Duration period) {
        while (running) {
            try {
                Thread.sleep(period);
                scaling.step();
                problem.set(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Express scaling step failed: {}", e.toString(), e);
                problem.set("The express service scaling failed: " + e.getMessage());
            }
        }
    }

    @Override
    public void stop() {
        running = false;
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
