package dev.localecs.api;

import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** {@link AccountSettings} in a map. */
final class InMemoryAccountSettings implements AccountSettings {
    private final Map<String, Map<String, String>> settings = new ConcurrentHashMap<>();

    @Override
    public Map<String, String> of(String principalArn) {
        return Map.copyOf(settings.getOrDefault(principalArn, Map.of()));
    }

    @Override
    public void put(String principalArn, String name, String value) {
        settings.computeIfAbsent(principalArn, p -> new TreeMap<>()).put(name, value);
    }

    @Override
    public Optional<String> remove(String principalArn, String name) {
        return Optional.ofNullable(settings.getOrDefault(principalArn, new TreeMap<>()).remove(name));
    }
}
