package dev.localecs.runtime.state;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.localecs.api.AccountSettings;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Account settings in {@code state.dir/account-settings.json}: principal ARN → setting name → value. */
public final class FileAccountSettings implements AccountSettings {
    private static final Path FILE = Path.of("account-settings.json");

    private final JsonFileStore store;
    private final Map<String, Map<String, String>> settings;

    /**
     * Reads the stored settings.
     *
     * @param store the state store
     */
    public FileAccountSettings(JsonFileStore store) {
        this.store = requireNonNull(store, "store is null");
        this.settings = new TreeMap<>(store.read(FILE, new TypeReference<Map<String, Map<String, String>>>() { })
                .orElse(Map.of()));
    }

    @Override
    public synchronized Map<String, String> of(String principalArn) {
        return Map.copyOf(settings.getOrDefault(principalArn, Map.of()));
    }

    @Override
    public synchronized void put(String principalArn, String name, String value) {
        Map<String, String> own = new TreeMap<>(settings.getOrDefault(principalArn, Map.of()));
        own.put(name, value);
        settings.put(principalArn, own);
        store.write(FILE, settings);
    }

    @Override
    public synchronized Optional<String> remove(String principalArn, String name) {
        Map<String, String> own = new TreeMap<>(settings.getOrDefault(principalArn, Map.of()));
        Optional<String> removed = Optional.ofNullable(own.remove(name));
        if (removed.isPresent()) {
            settings.put(principalArn, own);
            store.write(FILE, settings);
        }
        return removed;
    }
}
