package dev.localecs.runtime.docker;

import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A start refused because a host port is taken, read from the engine's message: {@code Bind for
 * 0.0.0.0:8080 failed: port is already allocated} (another container publishes it) or {@code listen tcp4
 * 0.0.0.0:8080: bind: address already in use} (a process on the host holds it).
 *
 * @param port the port named in the message; empty when the message names none (then every port is suspect)
 * @param protocol the protocol, when the message names it
 */
record PortConflict(OptionalInt port, Optional<String> protocol) {
    private static final Pattern ALLOCATED = Pattern.compile("Bind for \\[?[0-9a-fA-F.:]*]?:(\\d+) failed");
    private static final Pattern IN_USE = Pattern.compile("listen (tcp|udp)[46]? \\[?[0-9a-fA-F.:]*]?:(\\d+): bind");

    /**
     * Reads an engine error.
     *
     * @param message the engine's message
     * @return the conflict, or empty when the error is not about a host port
     */
    static Optional<PortConflict> parse(String message) {
        if (message == null) {
            return Optional.empty();
        }
        Matcher allocated = ALLOCATED.matcher(message);
        if (allocated.find()) {
            return Optional.of(new PortConflict(OptionalInt.of(Integer.parseInt(allocated.group(1))), Optional.empty()));
        }
        Matcher inUse = IN_USE.matcher(message);
        if (inUse.find()) {
            return Optional.of(new PortConflict(OptionalInt.of(Integer.parseInt(inUse.group(2))),
                    Optional.of(inUse.group(1))));
        }
        if (message.contains("port is already allocated") || message.contains("address already in use")) {
            return Optional.of(new PortConflict(OptionalInt.empty(), Optional.empty()));
        }
        return Optional.empty();
    }

    /** Whether a published port may be the one refused. */
    boolean concerns(HostPortClaims.HostPort hostPort) {
        return (port.isEmpty() || port.getAsInt() == hostPort.port())
                && protocol.map(hostPort.protocol()::equals).orElse(true);
    }
}
