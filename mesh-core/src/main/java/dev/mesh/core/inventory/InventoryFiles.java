package dev.mesh.core.inventory;

import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.config.Origin;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the inventory is: {@code --inventory FILE}, {@code MESH_INVENTORY} or {@code mesh.inventory}
 * when one names a file, else {@code $XDG_CONFIG_HOME/mesh/hosts.conf}, else
 * {@code ~/.config/mesh/hosts.conf}.
 *
 * @param file     the inventory file
 * @param explicit whether a flag, variable or setting named it (then it must exist to be read)
 * @param origin   where that came from
 */
public record InventoryFiles(Path file, boolean explicit, Origin origin) {

    public static InventoryFiles of(MeshSettings settings, Map<String, String> env, Path home) {
        if (settings.inventory().isPresent()) {
            return new InventoryFiles(settings.inventory().get(), true, settings.origin("mesh.inventory"));
        }
        String xdg = env.get("XDG_CONFIG_HOME");
        Path config = xdg == null || xdg.isBlank() ? home.resolve(".config") : Path.of(xdg);
        return new InventoryFiles(config.resolve("mesh").resolve("hosts.conf"), false,
                Origin.byDefault(xdg == null || xdg.isBlank() ? "~/.config/mesh/hosts.conf" : "$XDG_CONFIG_HOME/mesh/hosts.conf"));
    }

    /** Reads and checks it; the default file may be missing (no hosts), a named one may not. */
    public Inventory read() {
        return InventoryReader.read(file, explicit);
    }
}
