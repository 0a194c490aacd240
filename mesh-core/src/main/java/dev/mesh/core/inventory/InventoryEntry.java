package dev.mesh.core.inventory;

import dev.mesh.core.config.Origin;
import dev.mesh.core.config.Sourced;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One section of an inventory: a host's entry, a tag's defaults or the defaults for every host.
 *
 * @param name   the host's or tag's name; {@code defaults} for the defaults
 * @param values each key the section sets, with its value (empty for an explicit {@code null}:
 *               unset, overriding lower layers) and its file and line
 */
public record InventoryEntry(String name, Map<HostSetting, Sourced<Object>> values) {
    public InventoryEntry {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The value of {@code setting} in this section, if the section sets it. */
    public Optional<Sourced<Object>> get(HostSetting setting) {
        return Optional.ofNullable(values.get(setting));
    }

    /** The host's tags (empty for a section that is not a host, or a host without tags). */
    @SuppressWarnings("unchecked")
    public List<String> tags() {
        return get(HostSetting.TAGS).flatMap(Sourced::value).map(v -> (List<String>) v).orElse(List.of());
    }

    /** Where the section starts. */
    public Origin origin() {
        return values.values().stream().map(Sourced::origin).findFirst().orElse(Origin.byDefault("empty"));
    }
}
