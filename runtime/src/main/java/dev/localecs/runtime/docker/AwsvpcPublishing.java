package dev.localecs.runtime.docker;

import static java.util.Objects.requireNonNull;

import dev.localecs.api.compose.ComposeService;
import dev.localecs.runtime.docker.HostPortClaims.HostPort;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Which container ports of an awsvpc task's pause container are published on the host, by
 * {@code tasks.awsvpc-host-ports}. With {@code if-free} each host port is claimed first and only granted
 * ports are published; when the host still refuses one at start (a process outside Docker holds it), the
 * plan is narrowed and the container made again, so publishing never makes a task fail.
 */
final class AwsvpcPublishing {
    private final AwsvpcHostPorts mode;
    private final String publishHostIp;
    private final HostPortClaims claims;

    AwsvpcPublishing(AwsvpcHostPorts mode, String publishHostIp, HostPortClaims claims) {
        this.mode = requireNonNull(mode, "mode is null");
        this.publishHostIp = requireNonNull(publishHostIp, "publishHostIp is null");
        this.claims = requireNonNull(claims, "claims is null");
    }

    /**
     * One host port a plan publishes.
     *
     * @param hostPort the host side
     * @param port the compose port (one container port)
     */
    record Published(HostPort hostPort, ComposeService.Port port) {
    }

    /**
     * What a pause container publishes.
     *
     * @param owner the task's compose project
     * @param claimed ports claimed for the owner (if-free)
     * @param unclaimed ports published without a claim (always; ephemeral host ports)
     * @param refused ports not published, each with who holds it
     * @param narrowable whether a port refused at start is dropped instead of failing the task
     */
    record Plan(String owner, List<Published> claimed, List<ComposeService.Port> unclaimed,
                Map<HostPort, String> refused, boolean narrowable) {
        /** @return the compose ports to give the container */
        List<ComposeService.Port> ports() {
            List<ComposeService.Port> ports = new ArrayList<>(unclaimed);
            claimed.forEach(published -> ports.add(published.port()));
            return ports;
        }
    }

    /**
     * Decides what a pause container publishes.
     *
     * @param owner the task's compose project
     * @param ports the container ports of the task (from its compose file)
     * @param publishedByEngine the ports the engine publishes now, each with its container (asked only if-free)
     * @return the plan
     */
    Plan plan(String owner, List<ComposeService.Port> ports, Supplier<Map<HostPort, String>> publishedByEngine) {
        return switch (mode) {
            case ALWAYS -> new Plan(owner, List.of(), List.copyOf(ports), Map.of(), false);
            case NEVER -> new Plan(owner, List.of(), List.of(), Map.of(), false);
            case IF_FREE -> claimFree(owner, ports, publishedByEngine);
        };
    }

    private Plan claimFree(String owner, List<ComposeService.Port> ports,
                           Supplier<Map<HostPort, String>> publishedByEngine) {
        List<ComposeService.Port> ephemeral = new ArrayList<>();
        Map<HostPort, ComposeService.Port> wanted = new LinkedHashMap<>();
        for (ComposeService.Port port : ports) {
            if (port.published() == null || port.published().isBlank()) {
                ephemeral.add(port); // Docker picks a free host port: nothing to claim
                continue;
            }
            int[] targets = ContainerFactory.range(port.target());
            int[] published = ContainerFactory.range(port.published());
            String ip = port.hostIp() != null ? port.hostIp() : publishHostIp;
            for (int i = 0; i < targets.length; i++) {
                int hostPort = published[Math.min(i, published.length - 1)] + (published.length == 1 ? i : 0);
                HostPort key = new HostPort(ip, hostPort, port.protocol());
                wanted.putIfAbsent(key, new ComposeService.Port(String.valueOf(targets[i]), String.valueOf(hostPort),
                        port.hostIp(), port.protocol(), port.mode(), port.name(), port.appProtocol()));
            }
        }
        if (wanted.isEmpty()) {
            return new Plan(owner, List.of(), List.copyOf(ephemeral), Map.of(), true);
        }
        HostPortClaims.Claim claim = claims.claim(owner, wanted.keySet(), publishedByEngine.get());
        List<Published> granted = claim.granted().stream().map(p -> new Published(p, wanted.get(p))).toList();
        return new Plan(owner, granted, List.copyOf(ephemeral), claim.refused(), true);
    }

    /**
     * The plan without the ports an engine refusal may concern; their claims are given back.
     *
     * @param plan a narrowable plan
     * @param conflict the refusal
     * @return the narrower plan (the same ports when none matched)
     */
    Plan without(Plan plan, PortConflict conflict) {
        List<Published> kept = new ArrayList<>();
        Map<HostPort, String> refused = new LinkedHashMap<>(plan.refused());
        for (Published published : plan.claimed()) {
            if (conflict.concerns(published.hostPort())) {
                claims.release(plan.owner(), published.hostPort());
                refused.put(published.hostPort(), "another holder on the host");
            } else {
                kept.add(published);
            }
        }
        // a refusal naming no port leaves no port above suspicion: publish nothing rather than fail
        List<ComposeService.Port> unclaimed = conflict.port().isEmpty() ? List.of() : plan.unclaimed();
        return new Plan(plan.owner(), List.copyOf(kept), unclaimed, Map.copyOf(refused), true);
    }

    /**
     * Gives back every port of a task (its pause container stopped).
     *
     * @param owner the task's compose project
     */
    void release(String owner) {
        claims.release(owner);
    }
}
