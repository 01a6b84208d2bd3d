package dev.localecs.runtime.simulated;

import dev.localecs.api.error.ConfigurationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a simulated container does, read from its {@code LOCAL_ECS_SIMULATE} environment variable (or the
 * docker label of the same name): steps separated by {@code ;}, each {@code what[@after]}.
 *
 * <ul>
 *   <li>{@code exit:N@2s} — exits with code N two seconds after it started;</li>
 *   <li>{@code oom@1s} — killed for memory (exit code 137, OutOfMemoryError);</li>
 *   <li>{@code healthy@1s}, {@code unhealthy@5s} — health status changes (a container with a health check
 *       and no health step turns HEALTHY as soon as it starts);</li>
 *   <li>{@code lines:N@1s} — writes N lines to standard output ({@code line 1} … {@code line N}) one second after
 *       it started (the container's {@code LOCAL_ECS_SIMULATE_OUTPUT} variable, if set, is written line by line
 *       as it starts);</li>
 *   <li>{@code ignore-sigterm} — a stop waits for the stop timeout, then the container exits with 137;</li>
 *   <li>{@code pull-fail} — its image cannot be pulled; {@code start-fail} — the engine refuses to start it.</li>
 * </ul>
 *
 * @param steps the timed steps, in the order given
 * @param ignoreSigterm whether a stop waits for the timeout
 * @param pullFails whether the pull fails
 * @param startFails whether the start fails
 */
public record SimulationScript(List<Step> steps, boolean ignoreSigterm, boolean pullFails, boolean startFails) {
    /** The environment variable (and label) holding the script. */
    public static final String VARIABLE = "LOCAL_ECS_SIMULATE";
    /** The environment variable whose lines a simulated container writes as it starts. */
    public static final String OUTPUT_VARIABLE = "LOCAL_ECS_SIMULATE_OUTPUT";

    /** A container that runs until it is stopped. */
    public static final SimulationScript NONE = new SimulationScript(List.of(), false, false, false);

    /** What a timed step does. */
    public enum Action {
        /** exit with the step's code */
        EXIT,
        /** killed by the kernel for memory */
        OOM,
        /** the health check passes */
        HEALTHY,
        /** the health check fails */
        UNHEALTHY,
        /** writes the step's count of numbered lines */
        LINES
    }

    /**
     * One timed step.
     *
     * @param action what happens
     * @param exitCode the exit code, for {@link Action#EXIT}; the line count, for {@link Action#LINES}
     * @param after when, counted from the container's start
     */
    public record Step(Action action, int exitCode, Duration after) {
    }

    /**
     * Reads a script.
     *
     * @param text the script, e.g. {@code healthy@1s;exit:3@2s}
     * @return the script
     * @throws ConfigurationException naming the step that cannot be read
     */
    public static SimulationScript parse(String text) {
        List<Step> steps = new ArrayList<>();
        boolean ignore = false;
        boolean pull = false;
        boolean start = false;
        for (String raw : text.split(";")) {
            String step = raw.trim().toLowerCase(Locale.ROOT);
            if (step.isEmpty()) {
                continue;
            }
            String[] parts = step.split("@", 2);
            String what = parts[0];
            Duration after = parts.length == 2 ? duration(parts[1], step) : Duration.ZERO;
            switch (what) {
                case "ignore-sigterm" -> ignore = true;
                case "pull-fail" -> pull = true;
                case "start-fail" -> start = true;
                case "oom" -> steps.add(new Step(Action.OOM, 137, after));
                case "healthy" -> steps.add(new Step(Action.HEALTHY, 0, after));
                case "unhealthy" -> steps.add(new Step(Action.UNHEALTHY, 0, after));
                default -> {
                    boolean lines = what.startsWith("lines:");
                    if (!what.startsWith("exit:") && !lines) {
                        throw unreadable(step);
                    }
                    try {
                        int number = Integer.parseInt(what.substring(lines ? 6 : 5));
                        if (lines && number < 0) {
                            throw unreadable(step);
                        }
                        steps.add(new Step(lines ? Action.LINES : Action.EXIT, number, after));
                    } catch (NumberFormatException e) {
                        throw unreadable(step);
                    }
                }
            }
        }
        return new SimulationScript(List.copyOf(steps), ignore, pull, start);
    }

    /**
     * Whether a health step is scripted.
     *
     * @return true when the script sets the health
     */
    public boolean scriptsHealth() {
        return steps.stream().anyMatch(s -> s.action() == Action.HEALTHY || s.action() == Action.UNHEALTHY);
    }

    private static Duration duration(String text, String step) {
        try {
            if (text.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(text.substring(0, text.length() - 2)));
            }
            long amount = Long.parseLong(text.substring(0, text.length() - 1));
            return switch (text.charAt(text.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                default -> throw unreadable(step);
            };
        } catch (NumberFormatException | StringIndexOutOfBoundsException e) {
            throw unreadable(step);
        }
    }

    private static ConfigurationException unreadable(String step) {
        return new ConfigurationException(VARIABLE + " step '" + step + "' is not one of exit:N[@time], oom[@time], "
                + "lines:N[@time], healthy[@time], unhealthy[@time], ignore-sigterm, pull-fail, start-fail (time like 500ms, 2s, 1m).");
    }
}
