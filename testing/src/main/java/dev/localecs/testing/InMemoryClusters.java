package dev.localecs.testing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.localecs.api.ClusterRegistry;
import dev.localecs.api.EcsArns;
import dev.localecs.api.model.Cluster;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Clusters in memory; {@code default} exists (ACTIVE) until a test stores another state of it. */
public final class InMemoryClusters implements ClusterRegistry {
    private final Map<String, Cluster> clusters = new TreeMap<>();
    private final EcsArns arns;
    private final ObjectMapper json;

    InMemoryClusters(EcsArns arns, ObjectMapper json) {
        this.arns = arns;
        this.json = json;
    }

    @Override
    public synchronized Optional<Cluster> find(String name) {
        Cluster stored = clusters.get(name);
        return stored == null && DEFAULT_CLUSTER.equals(name) ? Optional.of(implicitDefault())
                : Optional.ofNullable(stored);
    }

    @Override
    public synchronized Cluster put(Cluster cluster) {
        clusters.put(cluster.clusterName(), cluster);
        return cluster;
    }

    @Override
    public synchronized List<Cluster> list() {
        Map<String, Cluster> all = new TreeMap<>(clusters);
        all.putIfAbsent(DEFAULT_CLUSTER, implicitDefault());
        return List.copyOf(all.values());
    }

    private Cluster implicitDefault() {
        return json.convertValue(Map.of("clusterArn", arns.cluster(DEFAULT_CLUSTER), "clusterName", DEFAULT_CLUSTER,
                "status", "ACTIVE", "settings", List.of(Map.of("name", "containerInsights", "value", "disabled"))),
                Cluster.class);
    }
}
