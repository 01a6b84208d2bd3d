package dev.localecs.api;

import java.net.InetAddress;

/**
 * Addresses of the runtime's own host that task containers reach over the task network, each held by a key, so
 * that a plugin can run listeners tasks connect to (Service Connect's per-service proxies): one address per key,
 * so two keys may listen on the same port. An address stays the key's across restarts of the runtime while it
 * is held, because tasks keep it in their {@code /etc/hosts}.
 */
public interface ListenAddresses {

    /**
     * The address held by {@code key}, made on first use.
     *
     * @param key a stable name of what listens there (e.g. {@code <namespace>/<discoveryName>})
     * @return an address of this process's host that the task network's containers reach
     * @throws dev.localecs.api.error.ConfigurationException when no address can be made (pool exhausted, an
     *         endpoint mode that has the runtime in a container)
     */
    InetAddress acquire(String key);

    /**
     * Gives an address back; a key not held is ignored.
     *
     * @param key the key given to {@link #acquire(String)}
     */
    void release(String key);

    /**
     * Distinct loopback addresses ({@code 127.77.x.y}), for the simulated engine and tests: listeners bind, no
     * container reaches them.
     *
     * @return a new in-memory allocator
     */
    static ListenAddresses loopback() {
        return new LoopbackListenAddresses();
    }
}
