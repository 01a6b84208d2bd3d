package dev.localecs.engine.kubernetes;

import dev.localecs.runtime.tasks.EngineHost;
import dev.localecs.runtime.tasks.EngineNode;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cluster's schedulable nodes as container instances, read from a node informer's cache: ECS placement and
 * every DescribeContainerInstances ask for them, so no request reaches the API server once the watch runs. The
 * informer starts with the first question (a runtime that never asks never watches nodes), which waits for its
 * first sync at most {@link #SYNC_TIMEOUT}; until it has synced, the nodes it has seen so far (none) are the
 * answer, and it keeps trying.
 *
 * <p>Schedulable: not cordoned ({@code spec.unschedulable}) and, when the kubelet reports conditions, with a
 * {@code Ready} condition {@code True} (a node without any conditions has not been seen by a kubelet's status
 * update yet and is counted, as the scheduler does; one whose {@code Ready} is {@code False} or {@code Unknown}
 * is left out). Taints are not read: the Kubernetes scheduler still applies them to the pinned Pod.
 */
final class ClusterNodes implements AutoCloseable {
    /** ECS's zone attribute. */
    static final String ZONE = "ecs.availability-zone";
    /** ECS's instance type attribute. */
    static final String INSTANCE_TYPE = "ecs.instance-type";
    /** ECS's CPU architecture attribute ({@code x86_64}, {@code arm64}). */
    static final String ARCHITECTURE = "ecs.cpu-architecture";
    /** ECS's OS type attribute ({@code linux}). */
    static final String OS_TYPE = "ecs.os-type";
    /** The well-known node labels, GA first. */
    static final String ZONE_LABEL = "topology.kubernetes.io/zone";
    static final String ZONE_LABEL_BETA = "failure-domain.beta.kubernetes.io/zone";
    static final String INSTANCE_TYPE_LABEL = "node.kubernetes.io/instance-type";
    static final String INSTANCE_TYPE_LABEL_BETA = "beta.kubernetes.io/instance-type";
    static final String ARCH_LABEL = "kubernetes.io/arch";
    static final String OS_LABEL = "kubernetes.io/os";
    static final String HOSTNAME_LABEL = "kubernetes.io/hostname";
    /**
     * Each attribute read from a label: the first one present (beta names are older clusters'). Placement's node
     * affinity reads the same ({@link NodeTerms}).
     */
    static final Map<String, List<String>> ATTRIBUTE_LABELS = Map.of(
            ZONE, List.of(ZONE_LABEL, ZONE_LABEL_BETA),
            INSTANCE_TYPE, List.of(INSTANCE_TYPE_LABEL, INSTANCE_TYPE_LABEL_BETA),
            ARCHITECTURE, List.of(ARCH_LABEL),
            OS_TYPE, List.of(OS_LABEL));

    private static final Logger LOG = Logger.getLogger(ClusterNodes.class.getName());
    private static final Duration SYNC_TIMEOUT = Duration.ofSeconds(30);
    /** An EC2 node's provider id: {@code aws:///us-east-1a/i-0123456789abcdef0}. */
    private static final Pattern EC2_PROVIDER_ID = Pattern.compile("aws:///[^/]+/(i-[0-9a-f]+)");
    private static final BigDecimal MIB = BigDecimal.valueOf(1024L * 1024L);

    private final KubernetesClient client;
    private volatile SharedIndexInformer<Node> informer;

    /**
     * Creates the view; nothing is asked before the first {@link #nodes()}.
     *
     * @param client the client
     */
    ClusterNodes(KubernetesClient client) {
        this.client = client;
    }

    /**
     * The schedulable nodes, by name.
     *
     * @return the nodes as container instances
     */
    List<EngineNode> nodes() {
        return watching().getStore().list().stream().filter(ClusterNodes::schedulable).map(ClusterNodes::node)
                .sorted(Comparator.comparing(EngineNode::name)).toList();
    }

    /**
     * The zone of one schedulable node, read from the watch's cache by its name (no list of every node).
     *
     * @param name the node name
     * @return its {@code ecs.availability-zone}, when it is schedulable and has one
     */
    Optional<String> zoneOf(String name) {
        return Optional.ofNullable(watching().getStore().getByKey(name)).filter(ClusterNodes::schedulable)
                .map(ClusterNodes::node).flatMap(node -> Optional.ofNullable(node.attributes().get(ZONE)));
    }

    private SharedIndexInformer<Node> watching() {
        SharedIndexInformer<Node> current = informer;
        if (current != null) {
            return current;
        }
        synchronized (this) {
            if (informer == null) {
                // a watch refused at the start (no RBAC for nodes yet, API server away) keeps trying, as later
                SharedIndexInformer<Node> started = client.nodes().runnableInformer(0)
                        .exceptionHandler((running, e) -> !ExceptionHandler.isDeserializationException(e));
                try {
                    started.start().toCompletableFuture().get(SYNC_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } catch (ExecutionException | TimeoutException | KubernetesClientException e) {
                    LOG.warning("The node watch has not synced yet (it keeps trying; the runtime needs nodes list "
                            + "and watch): " + e.getMessage());
                }
                informer = started;
            }
            return informer;
        }
    }

    /**
     * Whether a task can be placed on the node (see the class comment).
     *
     * @param node the node
     * @return not cordoned and not reported not ready
     */
    static boolean schedulable(Node node) {
        if (node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            return false;
        }
        List<NodeCondition> conditions = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        return conditions.stream().filter(c -> "Ready".equals(c.getType())).allMatch(c -> "True".equals(c.getStatus()));
    }

    /**
     * One node as a container instance: allocatable resources, ECS attributes from the well-known labels.
     *
     * @param node the node
     * @return the engine node
     */
    static EngineNode node(Node node) {
        Map<String, Quantity> allocatable = node.getStatus() == null || node.getStatus().getAllocatable() == null
                ? Map.of() : node.getStatus().getAllocatable();
        long cpu = Optional.ofNullable(allocatable.get("cpu")).map(q -> q.getNumericalAmount()
                .multiply(BigDecimal.valueOf(1024)).longValue()).orElse(0L);
        long memory = Optional.ofNullable(allocatable.get("memory")).map(q -> q.getNumericalAmount()
                .divideToIntegralValue(MIB).longValue()).orElse(0L);
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        Optional<NodeSystemInfo> info = Optional.ofNullable(node.getStatus()).map(s -> s.getNodeInfo());
        Map<String, String> attributes = new LinkedHashMap<>();
        label(labels, ZONE).ifPresent(zone -> attributes.put(ZONE, zone));
        label(labels, INSTANCE_TYPE).ifPresent(type -> attributes.put(INSTANCE_TYPE, type));
        // every kubelet sets kubernetes.io/arch and /os; its node info stands in for a node registered otherwise
        label(labels, ARCHITECTURE).or(() -> info.map(NodeSystemInfo::getArchitecture))
                .ifPresent(arch -> attributes.put(ARCHITECTURE, EngineHost.ecsArchitecture(arch)));
        label(labels, OS_TYPE).or(() -> info.map(NodeSystemInfo::getOperatingSystem))
                .ifPresent(os -> attributes.put(OS_TYPE, os));
        Optional<String> instance = Optional.ofNullable(node.getSpec()).map(s -> s.getProviderID())
                .map(EC2_PROVIDER_ID::matcher).filter(Matcher::matches).map(m -> m.group(1));
        String runtime = info.map(NodeSystemInfo::getContainerRuntimeVersion).filter(v -> !v.isBlank())
                .orElse("unknown");
        return new EngineNode(node.getMetadata().getName(), cpu, memory, attributes, instance, runtime);
    }

    /** An attribute from its first label present (see {@link #ATTRIBUTE_LABELS}). */
    private static Optional<String> label(Map<String, String> labels, String attribute) {
        return ATTRIBUTE_LABELS.get(attribute).stream().filter(labels::containsKey).findFirst().map(labels::get);
    }

    @Override
    public void close() {
        SharedIndexInformer<Node> watching = informer;
        if (watching != null) {
            watching.close();
        }
    }
}
