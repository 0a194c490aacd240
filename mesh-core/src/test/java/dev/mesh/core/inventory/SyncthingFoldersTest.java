package dev.mesh.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.config.MeshConfigLoader;
import dev.mesh.core.config.MeshSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code syncthing.folders} in the inventory: merged per folder ID from defaults to tags to the host; checked on read. */
class SyncthingFoldersTest {
    @TempDir
    Path dir;

    private Map<String, String> folders(String inventory, String host) throws IOException {
        Path file = Files.writeString(dir.resolve("hosts.conf"), inventory);
        Path user = Files.writeString(dir.resolve("mesh.conf"), "");
        MeshSettings settings = MeshConfigLoader.load(getClass().getClassLoader(), user, Optional.empty(), Map.of(), Map.of());
        Inventory inv = InventoryReader.read(file, true);
        return new HostResolver(settings, inv, Path.of("/home/u")).syncthingFolders(inv.host(host).orElseThrow());
    }

    @Test
    void eachLayerAddsOrOverridesFoldersByIdAndNullTakesThemAway() throws IOException {
        String inventory = "defaults { syncthing.folders { notes = \"~/Notes\", photos = \"~/Photos\" } }\n"
                + "tags { win { syncthing { folders { notes = \"C:\\\\Notes\" } } }, small { syncthing.folders.photos = null } }\n"
                + "hosts {\n  pc { tags = [win, small], syncthing.folders { work = \"D:\\\\Work\" } }\n"
                + "  nas { }\n  kiosk { syncthing.folders = null }\n}\n";
        assertEquals(Map.of("notes", "C:\\Notes", "work", "D:\\Work"), folders(inventory, "pc"));
        assertEquals(Map.of("notes", "~/Notes", "photos", "~/Photos"), folders(inventory, "nas"));
        assertEquals(Map.of(), folders(inventory, "kiosk"));
    }

    @Test
    void badIdsPathsAndKeysNameTheFileAndLine() {
        assertTrue(error("hosts { a { syncthing.folders { \"no/slash\" = \"~/x\" } } }").contains(
                "hosts.a.syncthing.folders: 'no/slash' is not a folder ID mesh creates"));
        assertTrue(error("hosts { a { syncthing.folders { x = \"\" } } }").contains("must not be empty"));
        assertTrue(error("hosts { a { syncthing.folders { x = 3 } } }").contains("the path must be a string"));
        assertTrue(error("hosts { a { syncthing.folder { x = \"~/x\" } } }").contains(
                "hosts.a.syncthing.folder: unknown key (known: folders)"));
        assertTrue(error("hosts { a { syncthing.folders = [x] } }").contains("must be an object of folder ID = path"));
    }

    private String error(String inventory) {
        return assertThrows(MeshConfigException.class, () -> folders(inventory, "a")).getMessage();
    }
}
