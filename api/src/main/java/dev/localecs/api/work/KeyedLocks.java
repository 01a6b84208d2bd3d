package dev.localecs.api.work;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** One lock per key (a service, a daemon, a family): work on one key never interleaves, other keys go on. */
public final class KeyedLocks {
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * Runs work under one key's lock.
     *
     * @param key the key
     * @param work the work
     * @param <T> what it answers
     * @return what the work answered
     */
    public <T> T locked(String key, Supplier<T> work) {
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            return work.get();
        }
    }
}
