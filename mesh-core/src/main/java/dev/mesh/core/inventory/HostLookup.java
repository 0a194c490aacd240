package dev.mesh.core.inventory;

import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.input.HostSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves a HOST argument against the inventory, reading the inventory once, on first use (still
 * before any connection: a broken inventory is a {@link dev.mesh.core.config.MeshConfigException}).
 */
public final class HostLookup {
    private final MeshSettings settings;
    private final Map<String, String> env;
    private final Path home;
    private Inventory inventory;

    public HostLookup(MeshSettings settings, Map<String, String> env, Path home) {
        this.settings = settings;
        this.env = Map.copyOf(env);
        this.home = home;
    }

    /** Where the inventory is, and why there. */
    public InventoryFiles files() {
        return InventoryFiles.of(settings, env, home);
    }

    /** The inventory, read and checked on first use. */
    public synchronized Inventory inventory() {
        if (inventory == null) {
            inventory = files().read();
        }
        return inventory;
    }

    /**
     * The inventory host HOST names, under {@code flags} (the {@code USER@} of HOST counts as a flag);
     * empty when HOST is not an inventory name.
     */
    public Optional<ResolvedHost> find(HostSpec spec, HostFlags flags) {
        return inventory().host(spec.host()).map(e -> resolver().resolve(e, withUser(spec, flags)));
    }

    /** {@link #find}, or for a HOST outside the inventory its values from the settings and flags alone. */
    public ResolvedHost host(HostSpec spec, HostFlags flags) {
        return find(spec, flags).orElseGet(() -> resolver().outsideInventory(spec.host(), spec.host(),
                withUser(spec, flags)));
    }

    /**
     * The hosts carrying any of {@code tags} (every host when empty), each resolved under {@code flags}.
     *
     * @throws dev.mesh.core.config.MeshConfigException for an unknown tag
     */
    public List<ResolvedHost> select(List<String> tags, HostFlags flags) {
        return inventory().select(tags).stream().map(e -> resolver().resolve(e, flags)).toList();
    }

    /** The Syncthing folders (ID → path) of inventory host {@code name}; none for a host outside the inventory. */
    public Map<String, String> syncthingFolders(String name) {
        return inventory().host(name).map(e -> resolver().syncthingFolders(e)).orElse(Map.of());
    }

    private HostResolver resolver() {
        return new HostResolver(settings, inventory(), home);
    }

    private static HostFlags withUser(HostSpec spec, HostFlags flags) {
        return spec.user().isPresent() ? new HostFlags(spec.user(), flags.port(), flags.skipSyncthing()) : flags;
    }
}
