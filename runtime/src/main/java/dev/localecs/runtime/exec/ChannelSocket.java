package dev.localecs.runtime.exec;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The client's end of one data channel: frames written one at a time from any thread (the connection's,
 * the engine's, the retransmitter's), and a failed write remembered — a client that vanished without a close
 * frame shows only that way, since Helidon then calls no listener method.
 */
final class ChannelSocket {
    private static final Logger LOG = Logger.getLogger(ChannelSocket.class.getName());

    private final Object lock = new Object();
    private volatile WsSession session;
    private volatile boolean broken;
    private final Supplier<String> name;

    ChannelSocket(Supplier<String> name) {
        this.name = name;
    }

    /** The connection is open. */
    void opened(WsSession session) {
        this.session = session;
    }

    /** Whether a write failed: the client is gone. */
    boolean broken() {
        return broken;
    }

    /** Writes one binary frame; a failure marks the socket broken. */
    void send(byte[] frame) {
        write(current -> current.send(BufferData.create(frame), true), "sending");
    }

    /** Pings the client; a failure marks the socket broken. */
    void ping() {
        write(current -> current.ping(BufferData.empty()), "ping");
    }

    /** Closes with a code and reason (best effort). */
    void close(int code, String reason) {
        write(current -> current.close(code, reason), "closing");
    }

    private void write(Write write, String what) {
        WsSession current = session;
        if (current == null) {
            return;
        }
        synchronized (lock) {
            try {
                write.on(current);
            } catch (RuntimeException e) {
                broken = true;
                LOG.fine(() -> name.get() + ": " + what + " failed: " + e);
            }
        }
    }

    @FunctionalInterface
    private interface Write {
        void on(WsSession session);
    }
}
