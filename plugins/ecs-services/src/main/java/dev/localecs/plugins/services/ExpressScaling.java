package dev.localecs.plugins.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.localecs.api.PluginContext;
import dev.localecs.api.TaskFilter;
import dev.localecs.api.TaskUsage;
import dev.localecs.api.model.Task;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One period of the express services' auto scaling: for each ACTIVE express service, measures its
 * {@code scalingTarget.autoScalingMetric} from what runs (AVERAGE_CPU and AVERAGE_MEMORY from the task service's
 * usage of its RUNNING tasks, as a percentage of the task's {@code cpu} and {@code memory}; REQUEST_COUNT_PER_TARGET
 * from the requests its front door relayed since the last period, per minute and per RUNNING task), asks the
 * service's {@link TargetTrackingScaler}, and sets a new desired count through UpdateService (the scheduler then
 * starts or stops tasks and writes ECS's events).
 */
final class ExpressScaling {
    private static final Logger LOG = LoggerFactory.getLogger(ExpressScaling.class);
    /** The metric and target an express service scales on without one, as the ECS model documents. */
    static final String DEFAULT_METRIC = "AVERAGE_CPU";
    static final int DEFAULT_TARGET = 60;

    /** A service's scaler and its front door count at the last period. */
    private static final class Tracked {
        private final TargetTrackingScaler scaler;
        private long requests = -1;
        private Instant at = Instant.MIN;
        private String metric = "";

        private Tracked(TargetTrackingScaler scaler) {
            this.scaler = scaler;
        }
    }

    private final PluginContext context;
    private final ServiceStore store;
    private final ScalingSettings settings;
    private final ToLongFunction<String> frontDoorRequests;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();

    /**
     * @param frontDoorRequests the requests a service's front door has relayed so far, by service key
     */
    ExpressScaling(PluginContext context, ServiceStore store, ScalingSettings settings,
                   ToLongFunction<String> frontDoorRequests) {
        this.context = context;
        this.store = store;
        this.settings = settings;
        this.frontDoorRequests = frontDoorRequests;
    }

    /** Runs one period over every express service. */
    void step() {
        Set<String> live = new HashSet<>();
        for (StoredService service : store.all()) {
            JsonNode express = service.members().path(ExpressGatewayServices.MEMBER);
            if (express.isMissingNode() || !"ACTIVE".equals(service.status())) {
                continue;
            }
            live.add(service.key());
            try {
                step(service, express.path("configuration").path("scalingTarget"));
            } catch (RuntimeException e) {
                LOG.warn("Scaling express service {}: {}", service.serviceArn(), e.getMessage());
            }
        }
        tracked.keySet().retainAll(live);
    }

    private void step(StoredService service, JsonNode scaling) {
        Instant now = context.clock().instant();
        int min = scaling.path("minTaskCount").asInt(1);
        TargetTrackingScaler.Policy policy = new TargetTrackingScaler.Policy(min,
                scaling.path("maxTaskCount").asInt(Math.max(1, min)),
                scaling.path("autoScalingTargetValue").asDouble(DEFAULT_TARGET));
        String metric = scaling.path("autoScalingMetric").asText(DEFAULT_METRIC);
        Tracked state = tracked.computeIfAbsent(service.key(), k -> new Tracked(new TargetTrackingScaler(settings)));
        if (!state.metric.equals(metric)) {
            // another metric: the samples so far measured something else
            state = new Tracked(new TargetTrackingScaler(settings));
            state.metric = metric;
            tracked.put(service.key(), state);
        }
        List<Task> running = context.tasks().list(new TaskFilter(service.cluster(), Optional.empty(),
                Optional.empty(), "RUNNING", Optional.empty(), Optional.of(service.serviceName()))).stream()
                .filter(task -> "RUNNING".equals(task.lastStatus())).toList();
        OptionalDouble sample = switch (metric) {
            case "REQUEST_COUNT_PER_TARGET" -> requestsPerTarget(service, state, running.size(), now);
            case "AVERAGE_MEMORY" -> average(running, true);
            default -> average(running, false);
        };
        int desired = state.scaler.next(now, policy, service.desiredCount(), sample);
        if (desired != service.desiredCount()) {
            LOG.info("Express service {}: {} {} → desired count {} (was {})", service.serviceArn(), metric,
                    sample.isPresent() ? String.format("%.1f", sample.getAsDouble()) : "not measured", desired,
                    service.desiredCount());
            ObjectNode update = context.json().createObjectNode();
            update.put("cluster", service.cluster());
            update.put("service", service.serviceName());
            update.put("desiredCount", desired);
            new UpdateServiceAction(context).handle(new ExpressGatewayServices.Derived("UpdateService",
                    UUID.randomUUID().toString(), update, context.json()));
        }
    }

    /** Requests per target per minute since the last period (none at the first: it sets the baseline). */
    private OptionalDouble requestsPerTarget(StoredService service, Tracked state, int targets, Instant now) {
        long count = frontDoorRequests.applyAsLong(service.key());
        long before = state.requests;
        Instant since = state.at;
        state.requests = count;
        state.at = now;
        double seconds = since.equals(Instant.MIN) ? 0 : Duration.between(since, now).toMillis() / 1000.0;
        if (before < 0 || seconds <= 0) {
            return OptionalDouble.empty();
        }
        return OptionalDouble.of(Math.max(0, count - before) / seconds * 60.0 / Math.max(1, targets));
    }

    /** The mean over the RUNNING tasks measured of their CPU (or memory) use as a percentage of the task's. */
    private OptionalDouble average(List<Task> running, boolean memory) {
        return running.stream().flatMapToDouble(task -> {
            String cluster = task.clusterArn().substring(task.clusterArn().lastIndexOf('/') + 1);
            String id = task.taskArn().substring(task.taskArn().lastIndexOf('/') + 1);
            Optional<TaskUsage> usage = context.tasks().usage(cluster, id);
            double reserved = reserved(task, memory);
            if (usage.isEmpty() || reserved <= 0) {
                return java.util.stream.DoubleStream.empty();
            }
            double used = memory ? usage.get().memoryMiB() : usage.get().cpuUnits();
            return java.util.stream.DoubleStream.of(used / reserved * 100.0);
        }).average();
    }

    /** The task's {@code cpu} or {@code memory}; its task definition's when the task does not carry it. */
    private double reserved(Task task, boolean memory) {
        double own = parse(memory ? task.memory() : task.cpu());
        return own > 0 ? own : context.taskDefinitions().resolve(task.taskDefinitionArn())
                .map(definition -> parse(memory ? definition.memory() : definition.cpu())).orElse(0.0);
    }

    private static double parse(String value) {
        try {
            return value == null ? 0 : Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
