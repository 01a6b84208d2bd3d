package dev.localecs.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.EcsArns;
import dev.localecs.api.model.Cluster;
import dev.localecs.api.model.ClusterSetting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Clusters in memory and in {@code state.dir/clusters.json}. The {@code default} cluster is answered
 * ACTIVE until something is stored under its name.
 */
public final class FileClusterRegistry implements ClusterRegistry {
    private static final Path FILE = Path.of("clusters.json");

    private final JsonFileStore store;
    private final EcsArns arns;
    private final Map<String, Cluster> clusters;

    /**
     * Loads the stored clusters.
     *
     * @param store the state store
     * @param arns the ARN builder
     */
    public FileClusterRegistry(JsonFileStore store, EcsArns arns) {
        this.store = requireNonNull(store, "store is null");
        this.arns = requireNonNull(arns, "arns is null");
        this.clusters = new TreeMap<>(store.read(FILE, new TypeReference<Map<String, Cluster>>() { }).orElse(Map.of()));
    }

    @Override
    public synchronized Optional<Cluster> find(String name) {
        Cluster stored = clusters.get(name);
        if (stored == null && DEFAULT_CLUSTER.equals(name)) {
            return Optional.of(implicitDefault());
        }
        return Optional.ofNullable(stored);
    }

    @Override
    public synchronized Cluster put(Cluster cluster) {
        clusters.put(cluster.clusterName(), cluster);
        store.write(FILE, clusters);
        return cluster;
    }

    @Override
    public synchronized List<Cluster> list() {
        Map<String, Cluster> all = new TreeMap<>(clusters);
        all.putIfAbsent(DEFAULT_CLUSTER, implicitDefault());
        return List.copyOf(all.values());
    }

    private Cluster implicitDefault() {
        return new Cluster(arns.cluster(DEFAULT_CLUSTER), DEFAULT_CLUSTER, null, "ACTIVE", 0, 0, 0, 0, List.of(),
                null, List.of(new ClusterSetting("containerInsights", "disabled")), List.of(), List.of(), List.of(),
                null, null);
    }
}
