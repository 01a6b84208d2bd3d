package dev.localecs.plugins.services.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The backends of one name (a Service Connect port, a front door), spread round-robin. A drained task is out at
 * once and stays out even when a later update (made from a listing taken before the drain) still has it: a task
 * is drained because it is about to stop, and it never comes back. With a {@link TargetHealth} (a front door
 * that health-checks its targets), connections go only to the targets it finds routable. It counts the
 * connections it relays, in all and per task.
 */
public final class Balancer {
    private final AtomicInteger next = new AtomicInteger();
    private final Set<String> drained = ConcurrentHashMap.newKeySet();
    private final Map<String, AtomicInteger> active = new ConcurrentHashMap<>();
    private final LongAdder relayed = new LongAdder();
    private volatile List<Backend> backends = List.of();
    private volatile Optional<TargetHealth> health = Optional.empty();

    /**
     * Routes only to the targets a health book finds routable from now on.
     *
     * @param checks the health of this balancer's targets
     */
    public void checkedBy(TargetHealth checks) {
        health = Optional.of(checks);
    }

    /**
     * The health book of this balancer's targets.
     *
     * @return the book, when its targets are health-checked
     */
    public Optional<TargetHealth> health() {
        return health;
    }

    /**
     * Replaces the backends (a task listed again after a drain stays out).
     *
     * @param current the backends as the tasks are now
     */
    public synchronized void update(List<Backend> current) {
        backends = current.stream().filter(backend -> !drained.contains(backend.taskArn())).toList();
        drained.retainAll(current.stream().map(Backend::taskArn).toList());
    }

    /**
     * Takes a task out before it stops.
     *
     * @param taskArn the task
     * @return whether it was a backend here
     */
    public synchronized boolean drain(String taskArn) {
        drained.add(taskArn);
        List<Backend> before = backends;
        backends = before.stream().filter(backend -> !backend.taskArn().equals(taskArn)).toList();
        return backends.size() != before.size();
    }

    /**
     * The backends to try for one connection: all of them, starting at the next in turn.
     *
     * @return the backends in the order to try
     */
    public List<Backend> order() {
        List<Backend> all = backends;
        List<Backend> now = health.map(checks -> checks.routable(all)).orElse(all);
        if (now.isEmpty()) {
            return List.of();
        }
        int start = Math.floorMod(next.getAndIncrement(), now.size());
        List<Backend> ordered = new ArrayList<>(now.size());
        for (int i = 0; i < now.size(); i++) {
            ordered.add(now.get((start + i) % now.size()));
        }
        return ordered;
    }

    /**
     * The backends now.
     *
     * @return the backends
     */
    public List<Backend> backends() {
        return backends;
    }

    /**
     * Notes a connection relayed to a task.
     *
     * @param taskArn the task
     */
    public void opened(String taskArn) {
        relayed.increment();
        active.computeIfAbsent(taskArn, k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * Notes the end of a connection relayed to a task.
     *
     * @param taskArn the task
     */
    public void closed(String taskArn) {
        active.computeIfPresent(taskArn, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
    }

    /**
     * How many connections this balancer has relayed since it was made.
     *
     * @return the count
     */
    public long relayed() {
        return relayed.sum();
    }

    /**
     * How many connections to a task are open.
     *
     * @param taskArn the task
     * @return the count
     */
    public int active(String taskArn) {
        AtomicInteger count = active.get(taskArn);
        return count == null ? 0 : count.get();
    }
}
