package dev.mesh.core.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.mesh.core.config.MeshConfigLoader;
import dev.mesh.core.config.MeshSettings;
import dev.mesh.core.config.Origin;
import dev.mesh.core.config.TailscalePreference;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The precedence table of README "Inventory", one layer at a time. */
class HostResolverTest {
    static final TailscalePreference ROUTES = TailscalePreference.ACCEPT_ROUTES;

    @TempDir
    Path dir;

    Path inventoryFile;

    ResolvedHost resolve(String meshConf, String inventory, Map<String, String> env, Map<String, Object> flags,
            HostFlags hostFlags) throws IOException {
        Path user = Files.writeString(dir.resolve("mesh.conf"), meshConf);
        inventoryFile = Files.writeString(dir.resolve("hosts.conf"), inventory);
        MeshSettings settings = MeshConfigLoader.load(getClass().getClassLoader(), user, Optional.empty(), env, flags);
        Inventory inv = InventoryReader.read(inventoryFile, true);
        return new HostResolver(settings, inv, Path.of("/home/u")).resolve(inv.host("web1").orElseThrow(), hostFlags);
    }

    ResolvedHost resolve(String meshConf, String inventory) throws IOException {
        return resolve(meshConf, inventory, Map.of(), Map.of(), HostFlags.NONE);
    }

    @Test
    void tailscalePreferencesClimbFromMeshConfToFlags() throws IOException {
        String meshConf = "mesh.tailscale.accept-routes = true\n";
        String host = "hosts.web1 { tags = [web] }\n";
        ResolvedHost r = resolve(meshConf, host);
        assertEquals(Optional.of(true), r.tailscale().get(ROUTES).value());
        assertEquals(Origin.file(dir.resolve("mesh.conf").toString(), 1, ""), r.tailscale().get(ROUTES).origin());

        r = resolve(meshConf, host + "defaults.tailscale.accept-routes = false\n");
        assertEquals(Optional.of(false), r.tailscale().get(ROUTES).value());
        assertEquals("defaults", r.tailscale().get(ROUTES).origin().note());

        r = resolve(meshConf, host + "defaults.tailscale.accept-routes = false\ntags.web.tailscale.accept-routes = true\n");
        assertEquals(Optional.of(true), r.tailscale().get(ROUTES).value());
        assertEquals("tag web", r.tailscale().get(ROUTES).origin().note());

        r = resolve(meshConf, host + "tags.web.tailscale.accept-routes = true\nhosts.web1.tailscale.accept-routes = false\n");
        assertEquals(Optional.of(false), r.tailscale().get(ROUTES).value());
        assertEquals(Origin.file(inventoryFile.toString(), 3, "host web1"), r.tailscale().get(ROUTES).origin());

        r = resolve(meshConf, host + "hosts.web1.tailscale.accept-routes = false\n",
                Map.of("MESH_TAILSCALE_ACCEPT_ROUTES", "true"), Map.of(), HostFlags.NONE);
        assertEquals(Optional.of(true), r.tailscale().get(ROUTES).value());
        assertEquals(Origin.environment("MESH_TAILSCALE_ACCEPT_ROUTES"), r.tailscale().get(ROUTES).origin());

        r = resolve(meshConf, host, Map.of("MESH_TAILSCALE_ACCEPT_ROUTES", "true"),
                Map.of("mesh.tailscale.accept-routes", false), HostFlags.NONE);
        assertEquals(Optional.of(false), r.tailscale().get(ROUTES).value());
        assertEquals(Origin.Kind.FLAG, r.tailscale().get(ROUTES).origin().kind());
    }

    @Test
    void aLaterTagWinsOverAnEarlierOneAndNullUnsets() throws IOException {
        String tags = "tags.a.port = 2201\ntags.b.port = 2202\ntags.a.tailscale.ssh = true\n";
        assertEquals(Optional.of(2202), resolve("", tags + "hosts.web1.tags = [a, b]\n").port().value());
        assertEquals(Optional.of(2201), resolve("", tags + "hosts.web1.tags = [b, a]\n").port().value());
        ResolvedHost unset = resolve("", tags + "hosts.web1 { tags = [a], tailscale.ssh = null }\n");
        assertEquals(Optional.empty(), unset.tailscale().get(TailscalePreference.SSH).value());
        assertEquals("host web1", unset.tailscale().get(TailscalePreference.SSH).origin().note());
    }

    @Test
    void sshValuesFromTheInventoryBeatMeshSshButNotFlags() throws IOException {
        String meshConf = "mesh.ssh { user = fromconf, identity = \"/conf/id\" }\n";
        String inventory = "defaults { user = admin, identity = \"~/.ssh/fleet\" }\nhosts.web1.address = \"192.0.2.10\"\n";
        ResolvedHost r = resolve(meshConf, inventory, Map.of("MESH_SSH_USER", "fromenv"), Map.of(), HostFlags.NONE);
        assertEquals(Optional.of("admin"), r.user().value());
        assertEquals(Optional.of(Path.of("/home/u/.ssh/fleet")), r.identity().value());
        assertEquals(Optional.of("192.0.2.10"), r.address().value());
        assertEquals(Optional.empty(), r.port().value()); // left to ~/.ssh/config, then mesh.ssh.port

        r = resolve(meshConf, inventory, Map.of(), Map.of("mesh.ssh.identity", "/flag/id"),
                new HostFlags(Optional.of("root"), Optional.of(2022), true));
        assertEquals(Optional.of("root"), r.user().value());
        assertEquals(Optional.of(2022), r.port().value());
        assertEquals(Optional.of(Path.of("/flag/id")), r.identity().value());
        assertEquals(Optional.of(true), r.skipSyncthing().value());
        assertEquals(Origin.flag("--port"), r.port().origin());

        r = resolve(meshConf, "hosts.web1 {}\n");
        assertEquals(Optional.of(Path.of("/conf/id")), r.identity().value()); // mesh.ssh.identity when the inventory is silent
        assertEquals(Optional.of("web1"), r.address().value()); // no address: the name, as Ansible does
        assertEquals(Optional.of(false), r.skipSyncthing().value());
    }
}
