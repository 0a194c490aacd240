package dev.mesh.core.inventory;

import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.config.Origin;
import dev.mesh.core.config.Sourced;
import dev.mesh.core.config.TailscalePreference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Applies the precedence rules to one host and keeps where each value came from. Lowest first:
 * <ul>
 *   <li>Tailscale preferences and skip-syncthing: mesh.conf / {@code --config} ({@code mesh.tailscale.*}),
 *       inventory {@code defaults}, tag defaults (for a host with several tags, a later tag in its
 *       {@code tags} list wins over an earlier one), the host's own entry, environment
 *       ({@code MESH_TAILSCALE_*}), flags;</li>
 *   <li>SSH port, user and identity: as OpenSSH orders them, the inventory counts as the command line
 *       for its host: {@code mesh.ssh.*} (files and {@code MESH_SSH_*}), {@code ~/.ssh/config},
 *       inventory defaults, tag defaults, the host's entry, flags. Port and user that neither the
 *       inventory nor a flag sets are left empty here, for the SSH layer to fill in.</li>
 * </ul>
 * An explicit {@code null} in a section unsets the value there, hiding the layers below it.
 */
public final class HostResolver {
    private static final Origin HOST_NAME = Origin.byDefault("the host's name");

    private final MeshSettings settings;
    private final Inventory inventory;
    private final Path home;

    public HostResolver(MeshSettings settings, Inventory inventory, Path home) {
        this.settings = settings;
        this.inventory = inventory;
        this.home = home;
    }

    /** An inventory host under {@code flags}. */
    @SuppressWarnings("unchecked")
    public ResolvedHost resolve(InventoryEntry host, HostFlags flags) {
        List<InventoryEntry> layers = layers(host);
        Sourced<String> address = host.get(HostSetting.ADDRESS).map(v -> v.map(x -> (String) x))
                .orElse(Sourced.of(host.name(), HOST_NAME));
        Sourced<List<String>> tags = host.get(HostSetting.TAGS).map(v -> v.map(x -> (List<String>) x))
                .orElse(Sourced.of(List.of(), Origin.byDefault("no tags")));
        return build(host.name(), address, tags, layers, flags);
    }

    /** A HOST argument that names no inventory host: only settings and flags apply. */
    public ResolvedHost outsideInventory(String argument, String address, HostFlags flags) {
        return build(argument, Sourced.of(address, Origin.flag("HOST")), Sourced.of(List.of(),
                Origin.byDefault("not in the inventory")), List.of(), flags);
    }

    @SuppressWarnings("unchecked")
    private ResolvedHost build(String name, Sourced<String> address, Sourced<List<String>> tags,
            List<InventoryEntry> layers, HostFlags flags) {
        Origin none = Origin.byDefault(layers.isEmpty() ? "not in the inventory" : "not set in the inventory");
        Sourced<Integer> port = flags.port().map(p -> Sourced.of(p, Origin.flag("--port")))
                .orElseGet(() -> inventory(layers, HostSetting.PORT).map(v -> v.map(x -> (Integer) x))
                        .orElse(Sourced.unset(none)));
        Sourced<String> user = flags.user().map(u -> Sourced.of(u, Origin.flag("USER@HOST")))
                .orElseGet(() -> inventory(layers, HostSetting.USER).map(v -> v.map(x -> (String) x))
                        .orElse(Sourced.unset(none)));
        Sourced<Boolean> skip = flags.skipSyncthing() ? Sourced.of(true, Origin.flag("--skip-syncthing"))
                : inventory(layers, HostSetting.SKIP_SYNCTHING).map(v -> v.map(x -> (Boolean) x))
                        .orElse(Sourced.of(false, Origin.byDefault("Syncthing is installed")));
        Map<TailscalePreference, Sourced<Object>> tailscale = new EnumMap<>(TailscalePreference.class);
        for (TailscalePreference p : TailscalePreference.values()) {
            tailscale.put(p, preference(layers, p));
        }
        return new ResolvedHost(name, address, port, user, identity(layers), tags, skip, tailscale);
    }

    /**
     * The Syncthing folders of an inventory host ({@code syncthing.folders}), ID → path, merged from
     * the lowest layer up: defaults, tags (in the order of its {@code tags}), the host's entry. A
     * layer's {@code ID = null} takes that folder away from the host; {@code folders = null} all of them.
     */
    @SuppressWarnings("unchecked")
    public Map<String, String> syncthingFolders(InventoryEntry host) {
        List<InventoryEntry> layers = new ArrayList<>(layers(host));
        java.util.Collections.reverse(layers);
        Map<String, String> folders = new java.util.TreeMap<>();
        for (InventoryEntry layer : layers) {
            layer.get(HostSetting.SYNCTHING_FOLDERS).ifPresent(v -> {
                if (v.value().isEmpty()) {
                    folders.clear();
                }
                v.value().ifPresent(x -> ((Map<String, String>) x).forEach((id, path) -> {
                    if (path == null) {
                        folders.remove(id);
                    } else {
                        folders.put(id, path);
                    }
                }));
            });
        }
        return Map.copyOf(folders);
    }

    /** {@code -i} wins; then the inventory; then {@code mesh.ssh.identity} wherever it was set. */
    private Sourced<Path> identity(List<InventoryEntry> layers) {
        Origin setting = settings.origin("mesh.ssh.identity");
        Sourced<Path> fromSettings = new Sourced<>(settings.ssh().identity(), setting);
        if (setting.kind() == Origin.Kind.FLAG) {
            return fromSettings;
        }
        return inventory(layers, HostSetting.IDENTITY).map(v -> v.map(x -> expandHome((String) x)))
                .orElse(fromSettings);
    }

    /** A flag or variable wins; then the inventory; then mesh.conf / --config / the default. */
    private Sourced<Object> preference(List<InventoryEntry> layers, TailscalePreference p) {
        Origin origin = settings.origin(p.settingPath());
        Sourced<Object> fromSettings = new Sourced<>(settings.tailscale().get(p), origin);
        if (origin.kind() == Origin.Kind.FLAG || origin.kind() == Origin.Kind.ENVIRONMENT) {
            return fromSettings;
        }
        return inventory(layers, HostSetting.of(p)).orElse(fromSettings);
    }

    /** The host's entry, then its tags from the last to the first, then the defaults. */
    private List<InventoryEntry> layers(InventoryEntry host) {
        List<InventoryEntry> layers = new ArrayList<>();
        layers.add(host);
        List<String> tags = host.tags();
        for (int i = tags.size() - 1; i >= 0; i--) {
            Optional.ofNullable(inventory.tags().get(tags.get(i))).ifPresent(layers::add);
        }
        layers.add(inventory.defaults());
        return layers;
    }

    private static Optional<Sourced<Object>> inventory(List<InventoryEntry> layers, HostSetting setting) {
        return layers.stream().map(l -> l.get(setting)).flatMap(Optional::stream).findFirst();
    }

    private Path expandHome(String text) {
        return text.equals("~") ? home : text.startsWith("~/") ? home.resolve(text.substring(2)) : Path.of(text);
    }
}
