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
 * Container instances for plugin unit tests: one per cluster (a single-machine engine's) with a status and custom
 * attributes, no resources; every placement on an ACTIVE instance succeeds. Filters (the cluster query language) and resource
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
    public Optional<ContainerInstance> find(String cluster, String reference) {
        return names(cluster, reference) ? find(cluster) : Optional.empty();
    }

    @Override
    public boolean names(String cluster, String reference) {
        String id = EcsArns.containerInstanceId(cluster);
        return reference != null && (reference.equals(id) || reference.equals(arns.localContainerInstance(cluster)));
    }

    /**
     * The cluster's only instance, unless deregistered.
     *
     * @param cluster the cluster name
     * @return the instance
     */
    public Optional<ContainerInstance> find(String cluster) {
        String status = statuses.getOrDefault(cluster, "ACTIVE");
        if (status.equals("INACTIVE")) {
            return Optional.empty();
        }
        return Optional.of(render(cluster, status));
    }

    @Override
    public ContainerInstance register(String cluster, Optional<String> reference, List<Attribute> given) {
        reference.filter(ref -> !names(cluster, ref)).ifPresent(ref -> {
            throw EcsException.invalidParameter("Container instance " + ref + " is not in cluster " + cluster + ".");
        });
        statuses.put(cluster, "ACTIVE");
        given.forEach(a -> custom(cluster).put(a.name(), a.value() == null ? "" : a.value()));
        return render(cluster, "ACTIVE");
    }

    @Override
    public ContainerInstance deregister(String cluster, String reference, boolean force) {
        registered(cluster, reference);
        statuses.put(cluster, "INACTIVE");
        return render(cluster, "INACTIVE");
    }

    @Override
    public ContainerInstance updateStatus(String cluster, String reference, String status) {
        registered(cluster, reference);
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
            tasks.add(request.launch().apply(request.spec()));
        }
        return new PlacementResult(tasks, List.of());
    }

    private void registered(String cluster, String reference) {
        if (find(cluster, reference).isEmpty()) {
            throw EcsException.invalidParameter("Container instance " + reference + " is not registered in cluster "
                    + cluster + ".");
        }
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
