package dev.localecs.plugins.services.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tasks registered in Cloud Map services and target groups, kept so each registration is made once and undone
 * when its task stops serving. Kept in memory: after a restart of the runtime the serving tasks are registered
 * again (both APIs take a registration again as it is).
 */
final class Registrations {
    private static final Logger LOG = LoggerFactory.getLogger(Registrations.class);

    /**
     * One registration of a task.
     *
     * @param taskArn the task
     * @param kind {@code cloudmap} or {@code elbv2}
     * @param target the Cloud Map service id or the target group ARN
     * @param id the instance id (the task id) or the target id (address or instance id)
     * @param port the port registered
     */
    record Registration(String taskArn, String kind, String target, String id, int port) {
    }

    private final NetworkSettings settings;
    private final Map<String, Set<Registration>> byTask = new ConcurrentHashMap<>();

    Registrations(NetworkSettings settings) {
        this.settings = settings;
    }

    /** Makes a registration with {@code call} unless it is made already. */
    void apply(Registration registration, Runnable call) {
        Set<Registration> own = byTask.computeIfAbsent(registration.taskArn(), k -> ConcurrentHashMap.newKeySet());
        if (own.contains(registration)) {
            return;
        }
        call.run();
        own.add(registration);
        LOG.info("Registered task {} in {} {} ({}:{})", registration.taskArn(), registration.kind(),
                registration.target(), registration.id(), registration.port());
    }

    /** Undoes a registration; a peer that fails is logged (the registration is forgotten all the same). */
    void undo(Registration registration) {
        try {
            if ("cloudmap".equals(registration.kind())) {
                settings.cloudMap().orElseThrow().deregister(registration.target(), registration.id());
            } else {
                settings.targetGroups().orElseThrow().deregister(registration.target(), registration.id(),
                        registration.port());
            }
            LOG.info("Deregistered task {} from {} {}", registration.taskArn(), registration.kind(),
                    registration.target());
        } catch (RuntimeException e) {
            LOG.warn("Cannot deregister task {} from {} {}: {}", registration.taskArn(), registration.kind(),
                    registration.target(), e.getMessage());
        }
        Set<Registration> own = byTask.get(registration.taskArn());
        if (own != null) {
            own.remove(registration);
            if (own.isEmpty()) {
                byTask.remove(registration.taskArn());
            }
        }
    }

    /** Undoes every registration of a task. */
    void undoTask(String taskArn) {
        for (Registration registration : new ArrayList<>(byTask.getOrDefault(taskArn, Set.of()))) {
            undo(registration);
        }
    }

    /** The registrations of the tasks of one cluster. */
    List<Registration> ofCluster(String cluster) {
        List<Registration> own = new ArrayList<>();
        byTask.forEach((arn, set) -> {
            if (arn.contains(":task/" + cluster + "/")) {
                own.addAll(set);
            }
        });
        return own;
    }
}
