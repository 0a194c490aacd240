package dev.mesh.core.config;

import java.util.Objects;

/**
 * One effective setting, for {@code mesh config}.
 *
 * @param key    the setting's path, e.g. {@code mesh.ssh.port}
 * @param value  its value as Typesafe Config unwraps it (String, Number, Boolean, List, or null for
 *               unset)
 * @param origin where it came from
 */
public record EffectiveSetting(String key, Object value, Origin origin) {
    public EffectiveSetting {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(origin, "origin");
    }
}
