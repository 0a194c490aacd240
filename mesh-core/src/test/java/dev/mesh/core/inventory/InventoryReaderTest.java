package dev.mesh.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.config.Origin;
import dev.mesh.core.config.Sourced;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InventoryReaderTest {
    static final String EXAMPLE = """
            # the fleet
            defaults {
              user = admin
              tailscale.accept-dns = false
            }
            tags {
              web { port = 2222 }
              db {
                tailscale { accept-routes = true }
              }
            }
            hosts {
              web1 {
                address = "192.0.2.10"
                tags = [web, db]
                tailscale {
                  hostname = web-1
                  advertise-routes = ["192.168.10.0/24"]
                }
              }
              "db.example.com" { skip-syncthing = true, user = null }
            }
            """;

    @TempDir
    Path dir;

    Path write(String text) throws IOException {
        return Files.writeString(dir.resolve("hosts.conf"), text);
    }

    String error(String text) throws IOException {
        Path file = write(text);
        return assertThrows(MeshConfigException.class, () -> InventoryReader.read(file, true)).getMessage();
    }

    @Test
    void readsHostsTagsAndDefaultsWithTheirLines() throws IOException {
        Path file = write(EXAMPLE);
        Inventory inventory = InventoryReader.read(file, true);
        assertEquals(List.of("db.example.com", "web1"), List.copyOf(inventory.hosts().keySet()));
        InventoryEntry web1 = inventory.host("web1").orElseThrow();
        assertEquals(Sourced.of("192.0.2.10", Origin.file(file.toString(), 14, "host web1")),
                web1.get(HostSetting.ADDRESS).orElseThrow());
        assertEquals(List.of("web", "db"), web1.tags());
        assertEquals(Optional.of(List.of("192.168.10.0/24")),
                web1.get(HostSetting.of(dev.mesh.core.config.TailscalePreference.ADVERTISE_ROUTES)).orElseThrow().value());
        assertEquals(Sourced.of(2222, Origin.file(file.toString(), 7, "tag web")),
                inventory.tags().get("web").get(HostSetting.PORT).orElseThrow());
        assertEquals(Optional.of("admin"), inventory.defaults().get(HostSetting.USER).orElseThrow().value());
        // an explicit null is kept: it unsets the value for that host
        assertEquals(Optional.empty(), inventory.host("db.example.com").orElseThrow().get(HostSetting.USER)
                .orElseThrow().value());
        assertEquals(List.of("db", "web"), inventory.knownTags());
        assertEquals(List.of("web1"), inventory.select(List.of("db")).stream().map(InventoryEntry::name).toList());
        assertEquals("unknown tag 'nosuch' in " + file + " (known tags: db, web)",
                assertThrows(MeshConfigException.class, () -> inventory.select(List.of("nosuch"))).getMessage());
    }

    @Test
    void unknownKeysAndBadValuesNameTheFileAndLine() throws IOException {
        Path file = dir.resolve("hosts.conf");
        assertEquals(file + ":3: hosts.web1.prot = 22: unknown key (known: address, identity, port, skip-syncthing, "
                + "tags, user, syncthing.folders { ... }, tailscale { ... })", error("hosts {\n  web1 {\n    prot = 22\n  }\n}\n"));
        assertEquals(file + ":1: hosts.web1.tailscale.accept-route = true: unknown key (known: accept-dns, "
                + "accept-routes, advertise-exit-node, advertise-routes, advertise-tags, hostname, reset, ssh)",
                error("hosts.web1.tailscale.accept-route = true\n"));
        assertEquals(file + ":2: hosts.web1.port = 70000: not a port number (1-65535)",
                error("hosts.web1.address = x\nhosts.web1.port = 70000\n"));
        assertEquals(file + ":1: hosts.web1.port = \"ssh\": must be a port number", error("hosts.web1.port = ssh\n"));
        assertEquals(file + ":1: defaults.address = \"x\": only a host's own entry may set address",
                error("defaults.address = x\n"));
        assertEquals(file + ":1: tags.web.tags = [\"db\"]: only a host's own entry may set tags",
                error("tags.web.tags = [db]\n"));
        assertEquals(file + ":1: groups = {}: unknown section (an inventory has defaults, tags and hosts)".replace(" = {}", ""),
                error("groups {}\n"));
        assertEquals(file + ":1: hosts.\"a b\": not a host name (letters, digits, '.', '_' and '-')",
                error("hosts { \"a b\" { address = x } }\n"));
        assertTrue(error("hosts.web1.tailscale.advertise-tags = [web]\n").endsWith("not a Tailscale tag (tag:NAME, "
                + "NAME a letter then letters, digits or '-')"));
        assertTrue(error("hosts.web1.user = \"-oProxyCommand=x\"\n").contains("not a user name"));
        assertTrue(error("hosts.web1.address = \"root@x\"\n").contains("an address has no user"));
        assertTrue(error("hosts.web1 = 3\n").endsWith("hosts.web1 = 3: must be an object { ... }"));
    }

    @Test
    void aMissingDefaultFileIsEmptyButANamedOneMustExist() {
        Path missing = dir.resolve("nosuch.conf");
        assertTrue(InventoryReader.read(missing, false).hosts().isEmpty());
        assertEquals(missing + ": inventory does not exist",
                assertThrows(MeshConfigException.class, () -> InventoryReader.read(missing, true)).getMessage());
        assertEquals("/dev/zero: inventory is not a regular file",
                assertThrows(MeshConfigException.class, () -> InventoryReader.read(Path.of("/dev/zero"), true))
                        .getMessage());
    }
}
