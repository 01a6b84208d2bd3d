package dev.localecs.api;

import static java.util.Objects.requireNonNull;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ListenAddresses#loopback()}: {@code 127.77.0.1} upwards, the lowest free one for each new key. */
final class LoopbackListenAddresses implements ListenAddresses {
    private static final int LIMIT = 65_000;
    private final Map<String, Integer> held = new ConcurrentHashMap<>();

    @Override
    public synchronized InetAddress acquire(String key) {
        requireNonNull(key, "key is null");
        int index = held.computeIfAbsent(key, k -> {
            TreeSet<Integer> used = new TreeSet<>(held.values());
            int next = 1;
            while (used.contains(next)) {
                next++;
            }
            if (next > LIMIT) {
                throw new IllegalStateException("no loopback address left");
            }
            return next;
        });
        try {
            return InetAddress.getByAddress(new byte[] {127, 77, (byte) (index >> 8), (byte) index});
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public synchronized void release(String key) {
        held.remove(key);
    }
}
