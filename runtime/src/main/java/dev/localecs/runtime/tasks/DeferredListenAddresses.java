package dev.localecs.runtime.tasks;

import dev.localecs.api.ListenAddresses;
import java.net.InetAddress;
import java.util.Objects;

/**
 * The plugin context's {@link ListenAddresses}, bound to the engine's once it exists (the context is made before
 * the engine); loopback addresses until then, and for good when no engine runs ({@code convert}).
 */
public final class DeferredListenAddresses implements ListenAddresses {
    private volatile ListenAddresses delegate = ListenAddresses.loopback();

    /**
     * Binds the engine's allocator.
     *
     * @param addresses the allocator
     */
    public void bind(ListenAddresses addresses) {
        this.delegate = Objects.requireNonNull(addresses, "addresses is null");
    }

    @Override
    public InetAddress acquire(String key) {
        return delegate.acquire(key);
    }

    @Override
    public void release(String key) {
        delegate.release(key);
    }
}
