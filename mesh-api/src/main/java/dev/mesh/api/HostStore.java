package dev.mesh.api;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;

/**
 * What a plugin remembers about one host during one run ({@link ProvisioningContext#store()}), e.g.
 * how this login reaches root. Values are keyed by their class, so plugins cannot collide; use a
 * small record of your own as the key. A store lives as long as the run's SSH connection: no static
 * maps, nothing shared between hosts.
 */
public interface HostStore {

    /** The value stored under {@code type}, if any. */
    <T> Optional<T> get(Class<T> type);

    /** Stores {@code value} under {@code type}, replacing any earlier one. */
    <T> void put(Class<T> type, T value);

    /** The value under {@code type}; computed and stored by {@code supplier} the first time. */
    <T> T computeIfAbsent(Class<T> type, Supplier<? extends T> supplier);

    /** Forgets the value under {@code type}, e.g. after a step changed what it described. */
    void remove(Class<?> type);

    /** A new, empty store in memory; safe for concurrent use. */
    static HostStore inMemory() {
        ConcurrentMap<Class<?>, Object> values = new ConcurrentHashMap<>();
        return new HostStore() {
            @Override
            public <T> Optional<T> get(Class<T> type) {
                return Optional.ofNullable(values.get(type)).map(type::cast);
            }

            @Override
            public <T> void put(Class<T> type, T value) {
                values.put(type, type.cast(value));
            }

            @Override
            public <T> T computeIfAbsent(Class<T> type, Supplier<? extends T> supplier) {
                Object known = values.get(type);
                if (known == null) {
                    // not computeIfAbsent: the supplier runs remote commands and may itself use the store
                    T value = supplier.get();
                    known = values.putIfAbsent(type, value);
                    return known == null ? value : type.cast(known);
                }
                return type.cast(known);
            }

            @Override
            public void remove(Class<?> type) {
                values.remove(type);
            }
        };
    }
}
