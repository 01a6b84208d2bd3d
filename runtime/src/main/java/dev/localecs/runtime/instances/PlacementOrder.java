package dev.localecs.runtime.instances;

import dev.localecs.api.model.PlacementStrategy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * ECS's placement strategies as an order of the instances that can take a task: the first strategy decides,
 * the next ones break its ties. {@code binpack} prefers the instance with the least of its resource left;
 * {@code spread} the instance (field {@code instanceId} or {@code host}) or the attribute value (field
 * {@code attribute:<name>}) with the fewest tasks of the task's group; {@code random} shuffles, so strategies
 * after it decide nothing. No strategy is {@code random}, RunTask's default.
 */
final class PlacementOrder {

    /**
     * An instance as the strategies see it.
     *
     * @param arn the instance ARN
     * @param attributes its attributes (the engine's and custom ones)
     * @param cpuLeft the CPU units not reserved
     * @param memoryLeft the MiB not reserved
     * @param groupTasks the tasks of the placed task's group on it, not stopped
     */
    record Candidate(String arn, Map<String, String> attributes, long cpuLeft, long memoryLeft, int groupTasks) {
    }

    private PlacementOrder() {
    }

    /**
     * The instances that can take a task, best first.
     *
     * @param fitting the instances that can take it
     * @param all every ACTIVE instance of the cluster (spread by attribute counts the tasks on all of them)
     * @param strategies the strategies, in order
     * @param random the source of {@code random}'s order
     * @return the fitting instances, best first
     */
    static List<Candidate> order(List<Candidate> fitting, List<Candidate> all, List<PlacementStrategy> strategies,
                                 RandomGenerator random) {
        List<Candidate> ordered = new ArrayList<>(fitting);
        ordered.sort(Comparator.comparing(Candidate::arn));
        Comparator<Candidate> by = null;
        boolean shuffle = strategies.isEmpty();
        for (PlacementStrategy strategy : strategies) {
            if ("random".equals(strategy.type())) {
                shuffle = true;
                break;
            }
            Comparator<Candidate> next = comparator(strategy, all);
            by = by == null ? next : by.thenComparing(next);
        }
        if (shuffle) {
            Collections.shuffle(ordered, random);
        }
        if (by != null) {
            ordered.sort(by);
        }
        return ordered;
    }

    private static Comparator<Candidate> comparator(PlacementStrategy strategy, List<Candidate> all) {
        String field = strategy.field() == null ? "" : strategy.field();
        if ("binpack".equals(strategy.type())) {
            return "memory".equalsIgnoreCase(field) ? Comparator.comparingLong(Candidate::memoryLeft)
                    : Comparator.comparingLong(Candidate::cpuLeft);
        }
        if (field.equalsIgnoreCase("instanceId") || field.equalsIgnoreCase("host")) {
            return Comparator.comparingInt(Candidate::groupTasks);
        }
        String attribute = field.startsWith("attribute:") ? field.substring("attribute:".length()) : field;
        return Comparator.comparingInt(candidate -> tasksWithValue(all, attribute,
                Optional.ofNullable(candidate.attributes().get(attribute))));
    }

    /** The group's tasks on the instances whose attribute has a value (or, for none, that lack it). */
    private static int tasksWithValue(List<Candidate> all, String attribute, Optional<String> value) {
        return all.stream().filter(c -> Optional.ofNullable(c.attributes().get(attribute)).equals(value))
                .mapToInt(Candidate::groupTasks).sum();
    }
}
