package dev.localecs.testing;

import dev.localecs.api.ContainerInstances;
import dev.localecs.api.EcsArns;
import dev.localecs.api.PlacementRequest;
import dev.localecs.api.PlacementResult;
import dev.localecs.api.error.EcsException;
import dev.localecs.api.model.Attribute;
import dev.localecs.api.model.ContainerInstance;
import dev.localecs.api.model.Task;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Container instances for plugin unit tests: one per cluster with a status and custom attributes, no
 * resources; every placement on an ACTIVE instance succeeds. Filters (the cluster query language) and resource
 * accounting are the runtime's, tested there.
 */
public final class FakeContainerInstances implements ContainerInstances {
    private final EcsArns arns;
    private final Supplier<Clock> clock;
    private final Map<String, String> statuses = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> attributes = new ConcurrentHashMap<>();

    FakeContainerInstances(EcsArns arns, Supplier<Clock> clock) {
        this.arns = arns;
        this.clock = clock;
    }

    @Override
    public Optional<ContainerInstance> find(String cluster) {
        String status = statuses.getOrDefault(cluster, "ACTIVE");
        if (status.equals("INACTIVE")) {
            return Optional.empty();
        }
        return Optional.of(render(cluster, status));
    }

    @Override
    public ContainerInstance register(String cluster, List<Attribute> given) {
        statuses.put(cluster, "ACTIVE");
        given.forEach(a -> custom(cluster).put(a.name(), a.value() == null ? "" : a.value()));
        return render(cluster, "ACTIVE");
    }

    @Override
    public ContainerInstance deregister(String cluster, boolean force) {
        statuses.put(cluster, "INACTIVE");
        return render(cluster, "INACTIVE");
    }

    @Override
    public ContainerInstance updateStatus(String cluster, String status) {
        statuses.put(cluster, status);
        return render(cluster, status);
    }

    @Override
    public List<ContainerInstance> list(String cluster, Optional<String> filter, Optional<String> status) {
        if (filter.isPresent()) {
            throw new IllegalArgumentException("FakeContainerInstances has no cluster query language");
        }
        return find(cluster).filter(i -> status.map(i.status()::equals).orElse(true)).stream().toList();
    }

    @Override
    public List<Attribute> putAttributes(String cluster, List<Attribute> given) {
        given.forEach(a -> custom(cluster).put(a.name(), a.value() == null ? "" : a.value()));
        return given;
    }

    @Override
    public List<Attribute> deleteAttributes(String cluster, List<Attribute> given) {
        given.forEach(a -> custom(cluster).remove(a.name()));
        return given;
    }

    @Override
    public PlacementResult place(PlacementRequest request) {
        if (!"ACTIVE".equals(statuses.getOrDefault(request.spec().cluster(), "ACTIVE"))) {
            throw EcsException.invalidParameter("No Container Instances were found in your cluster.");
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < request.count(); i++) {
            tasks.add(request.launch().get());
        }
        return new PlacementResult(tasks, List.of());
    }

    private Map<String, String> custom(String cluster) {
        return attributes.computeIfAbsent(cluster, c -> new TreeMap<>());
    }

    private ContainerInstance render(String cluster, String status) {
        List<Attribute> list = custom(cluster).entrySet().stream()
                .map(e -> new Attribute(e.getKey(), e.getValue().isEmpty() ? null : e.getValue(), null, null)).toList();
        return new ContainerInstance(arns.localContainerInstance(cluster), "i-00000000000000000", null, 1L, null,
                List.of(), List.of(), status, null, true, 0, 0, null, list, clock.get().instant(), List.of(), null,
                null);
    }
}
