package dev.localecs.runtime.docker;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Host ports held by awsvpc tasks of this runtime, so that two launches racing for one port never both try
 * to bind it: a claim is atomic and lasts from before the pause container is created until it is stopped.
 * Ports the engine already publishes (tasks from before a restart, other containers) are handed in by the
 * caller and refused as well.
 */
final class HostPortClaims {
    private final Map<String, Set<HostPort>> byOwner = new HashMap<>();

    /**
     * One published host port.
     *
     * @param hostIp the host address; empty for every address ({@code 0.0.0.0}, {@code ::})
     * @param port the host port
     * @param protocol {@code tcp} or {@code udp}
     */
    record HostPort(String hostIp, int port, String protocol) {
        HostPort {
            hostIp = hostIp == null || hostIp.isEmpty() || hostIp.equals("0.0.0.0") || hostIp.equals("::")
                    ? "" : hostIp;
            protocol = protocol == null ? "tcp" : protocol.toLowerCase(Locale.ROOT);
        }

        /** Whether both cannot be bound at once: same port and protocol, and one address covers the other. */
        boolean overlaps(HostPort other) {
            return port == other.port && protocol.equals(other.protocol)
                    && (hostIp.isEmpty() || other.hostIp.isEmpty() || hostIp.equals(other.hostIp));
        }

        @Override
        public String toString() {
            return (hostIp.isEmpty() ? "0.0.0.0" : hostIp) + ":" + port + "/" + protocol;
        }
    }

    /**
     * What a claim got.
     *
     * @param granted the ports now held by the owner
     * @param refused the ports not granted, each with who holds it
     */
    record Claim(List<HostPort> granted, Map<HostPort, String> refused) {
    }

    /**
     * Claims ports for an owner, all decided at once: a port goes to the owner unless another owner holds an
     * overlapping one, the engine publishes one already, or the owner asked for it twice.
     *
     * @param owner who claims (a task's compose project)
     * @param wanted the ports wanted
     * @param publishedByEngine ports the engine publishes now, each with the container publishing it
     * @return what was granted and what was refused
     */
    synchronized Claim claim(String owner, Collection<HostPort> wanted, Map<HostPort, String> publishedByEngine) {
        requireNonNull(owner, "owner is null");
        List<HostPort> granted = new ArrayList<>();
        Map<HostPort, String> refused = new LinkedHashMap<>();
        Set<HostPort> held = byOwner.computeIfAbsent(owner, o -> new LinkedHashSet<>());
        for (HostPort port : wanted) {
            Optional<String> holder = holder(port, publishedByEngine);
            if (holder.isPresent()) {
                refused.put(port, holder.get());
            } else {
                held.add(port);
                granted.add(port);
            }
        }
        if (held.isEmpty()) {
            byOwner.remove(owner);
        }
        return new Claim(List.copyOf(granted), Map.copyOf(refused));
    }

    /** Who holds an overlapping port: an owner (the claimant itself when it asked twice), else the engine. */
    private Optional<String> holder(HostPort port, Map<HostPort, String> publishedByEngine) {
        for (Map.Entry<String, Set<HostPort>> entry : byOwner.entrySet()) {
            if (entry.getValue().stream().anyMatch(port::overlaps)) {
                return Optional.of(entry.getKey());
            }
        }
        return publishedByEngine.entrySet().stream().filter(e -> e.getKey().overlaps(port)).map(Map.Entry::getValue)
                .findFirst();
    }

    /**
     * Gives one port back (it turned out to be taken on the host).
     *
     * @param owner the owner
     * @param port the port
     */
    synchronized void release(String owner, HostPort port) {
        Set<HostPort> held = byOwner.get(owner);
        if (held != null) {
            held.remove(port);
            if (held.isEmpty()) {
                byOwner.remove(owner);
            }
        }
    }

    /**
     * Gives every port of an owner back (its pause container stopped, or its task was removed).
     *
     * @param owner the owner
     */
    synchronized void release(String owner) {
        byOwner.remove(owner);
    }

    /**
     * The ports an owner holds.
     *
     * @param owner the owner
     * @return its ports, empty when none
     */
    synchronized Set<HostPort> held(String owner) {
        return Set.copyOf(byOwner.getOrDefault(owner, Set.of()));
    }
}
