package dev.mesh.core.config;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An effective value and where it came from.
 *
 * @param value  the value; empty when nothing set it (for a Tailscale preference: Tailscale's own
 *               default, or whatever the host has)
 * @param origin the layer that decided it
 */
public record Sourced<T>(Optional<T> value, Origin origin) {
    public Sourced {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(origin, "origin");
    }

    public static <T> Sourced<T> of(T value, Origin origin) {
        return new Sourced<>(Optional.of(value), origin);
    }

    public static <T> Sourced<T> unset(Origin origin) {
        return new Sourced<>(Optional.empty(), origin);
    }

    public <R> Sourced<R> map(Function<T, R> f) {
        return new Sourced<>(value.map(f), origin);
    }
}
