package dev.mesh.core.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An entry to write into the inventory ({@code mesh host add}, {@code mesh host import}).
 *
 * @param name   the host's name
 * @param values key (a {@link HostSetting} key, e.g. {@code tailscale.accept-routes}) → value (String,
 *               Integer, Boolean or List of String), in the order they are written
 */
public record HostDraft(String name, Map<String, Object> values) {
    public HostDraft {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }
}
