package dev.mesh.core.inventory;

import dev.mesh.core.config.MeshConfigException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A read and checked inventory file ({@link InventoryReader}).
 *
 * @param file     the file it was read from (it may not exist: an empty inventory)
 * @param defaults the {@code defaults} section, for every host
 * @param tags     tag name → its {@code tags.<name>} section
 * @param hosts    host name → its {@code hosts.<name>} entry, sorted by name
 */
public record Inventory(Path file, InventoryEntry defaults, Map<String, InventoryEntry> tags,
        Map<String, InventoryEntry> hosts) {
    public Inventory {
        tags = Collections.unmodifiableMap(new TreeMap<>(tags));
        hosts = Collections.unmodifiableMap(new TreeMap<>(hosts));
    }

    /** An inventory with no hosts (a file that does not exist yet). */
    public static Inventory empty(Path file) {
        return new Inventory(file, new InventoryEntry("defaults", Map.of()), Map.of(), Map.of());
    }

    public Optional<InventoryEntry> host(String name) {
        return Optional.ofNullable(hosts.get(name));
    }

    /** Every tag a host carries or a {@code tags} section names, sorted. */
    public List<String> knownTags() {
        TreeSet<String> all = new TreeSet<>(tags.keySet());
        hosts.values().forEach(h -> all.addAll(h.tags()));
        return List.copyOf(all);
    }

    /**
     * The hosts carrying any of {@code selection} (all hosts when it is empty), sorted by name.
     *
     * @throws MeshConfigException for a tag no host carries and no {@code tags} section names
     */
    public List<InventoryEntry> select(List<String> selection) {
        List<String> known = knownTags();
        for (String tag : selection) {
            if (!known.contains(tag)) {
                throw new MeshConfigException("unknown tag '" + tag + "' in " + file + " (known tags: "
                        + (known.isEmpty() ? "none" : String.join(", ", known)) + ")");
            }
        }
        List<InventoryEntry> chosen = new ArrayList<>();
        for (InventoryEntry host : hosts.values()) {
            if (selection.isEmpty() || host.tags().stream().anyMatch(selection::contains)) {
                chosen.add(host);
            }
        }
        return chosen;
    }
}
