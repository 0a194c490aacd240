package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 11's {@code mesh remote status} and {@code mesh remote remove} on one real Debian host
 * (sshd, password-less sudo, real apt/dpkg), with the Tailscale double installed as a real
 * {@code tailscale} .deb so {@code --uninstall} goes through dpkg: provision, status, a dry run
 * that changes nothing, remove (logout on the host, node deleted in the Headscale double), remove
 * again (nothing changed), then {@code --uninstall} removes the package.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class RemoteRemoveTest {
    @TempDir
    static Path dir;
    static LinuxHost host;
    static MeshCli mesh;

    @BeforeAll
    static void start() {
        host = LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD), 0);
        mesh = new MeshCli(dir).trust(host);
    }

    @AfterAll
    static void stop() {
        if (host != null) {
            host.close();
        }
    }

    private MeshCli.Run remote(String command, String... extra) {
        List<String> args = new ArrayList<>(List.of("--config", mesh.config.toString(), "remote", command, host.target(),
                "-p", String.valueOf(host.port()), "-i", ClientKey.shared().privateKey().toString(), "-s", MeshCli.SERVER));
        args.addAll(List.of(extra));
        return mesh.run(args);
    }

    private static JsonNode json(MeshCli.Run run) throws Exception {
        return new ObjectMapper().readTree(run.out());
    }

    private String nodes() throws Exception {
        return Files.readString(dir.resolve("headscale-nodes.txt"));
    }

    @Test
    void provisionStatusRemoveRemoveAgainAndUninstall() throws Exception {
        MeshCli.Run provision = mesh.provision(host, "--skip-syncthing");
        assertEquals(0, provision.exitCode(), provision.output());
        // the double as a real package, so that --uninstall has a package manager that installed it
        host.root("set -e; d=/tmp/tsdeb; mkdir -p $d/DEBIAN $d/usr/bin $d/usr/sbin $d/lib/systemd/system;"
                + " cp /usr/bin/tailscale $d/usr/bin/; cp /usr/sbin/tailscaled $d/usr/sbin/;"
                + " cp /lib/systemd/system/tailscaled.service $d/lib/systemd/system/;"
                + " printf 'Package: tailscale\\nVersion: 1.80.2\\nArchitecture: all\\nMaintainer: mesh tests\\n"
                + "Description: Tailscale test double\\n' >$d/DEBIAN/control;"
                + " dpkg-deb --build $d /tmp/tailscale.deb >/dev/null && dpkg -i /tmp/tailscale.deb >/dev/null && rm -rf $d /tmp/tailscale.deb");

        MeshCli.Run status = remote("status", "--output", "json");
        assertEquals(0, status.exitCode(), status.output());
        dev.mesh.cli.JsonSchemas.assertValid(status.out(), "remote-status");
        JsonNode h = json(status).at("/hosts/0");
        assertEquals("Running", h.at("/tailscale/backend-state").asText(), status.out());
        assertEquals(TailscaleDouble.IP, h.at("/tailscale/addresses/0").asText());
        assertEquals(MeshCli.SERVER, h.at("/tailscale/control-url").asText());
        assertTrue(h.at("/tailscale/daemon-running").asBoolean());
        assertEquals("3", h.at("/headscale/node/id").asText(), status.out());
        assertFalse(h.at("/syncthing/installed").asBoolean());
        MeshCli.Run table = remote("status");
        assertTrue(table.out().contains("joined-node (id 3, online)"), table.out());

        MeshCli.Run dry = remote("remove", "--dry-run", "--uninstall", "--output", "json");
        assertEquals(0, dry.exitCode(), dry.output());
        dev.mesh.cli.JsonSchemas.assertValid(dry.out(), "remote-remove");
        assertEquals("planned", json(dry).at("/hosts/0/outcome").asText(), dry.out());
        assertTrue(dry.out().contains("tailscale logout") && dry.out().contains("delete the Headscale node joined-node (id 3)")
                && dry.out().contains("apt-get remove tailscale"), dry.out());
        assertTrue(nodes().contains("joined-node"), "the dry run deleted nothing");
        assertFalse(host.succeeds("test -e " + TailscaleDouble.STATE + "/logout-count"), "the dry run did not log out");

        MeshCli.Run noTerminal = remote("remove");
        assertEquals(2, noTerminal.exitCode(), noTerminal.output());
        assertTrue(noTerminal.err().contains("--yes"), noTerminal.err());

        MeshCli.Run remove = remote("remove", "--yes");
        assertEquals(0, remove.exitCode(), remove.output());
        assertTrue(remove.out().contains("tailscale logout") && remove.out().contains("deleted the Headscale node"), remove.out());
        assertTrue(remove.out().contains("stays installed"), "says what was left: " + remove.out());
        assertEquals("1", host.root("cat " + TailscaleDouble.STATE + "/logout-count").strip());
        assertEquals("NeedsLogin", host.root("cat " + TailscaleDouble.STATE + "/backend").strip());
        assertFalse(nodes().contains("joined-node"), "node deleted in Headscale");
        assertTrue(mesh.headscaleCalls().contains("nodes delete --identifier 3 --force"), mesh.headscaleCalls().toString());

        MeshCli.Run again = remote("remove", "--yes", "--output", "json");
        assertEquals(0, again.exitCode(), again.output());
        assertEquals("unchanged", json(again).at("/hosts/0/outcome").asText(), again.out());
        assertTrue(again.err().contains("logged out already"), again.err());
        assertEquals("1", host.root("cat " + TailscaleDouble.STATE + "/logout-count").strip(), "no second logout");

        MeshCli.Run uninstall = remote("remove", "--yes", "--uninstall");
        assertEquals(0, uninstall.exitCode(), uninstall.output());
        assertTrue(uninstall.out().contains("apt-get remove tailscale"), uninstall.out());
        assertFalse(host.succeeds("dpkg-query -W -f='${Status}' tailscale | grep -q 'install ok installed'"), "package removed");
        assertFalse(host.succeeds("test -e /usr/bin/tailscale"), "CLI gone");

        MeshCli.Run after = remote("status", "--output", "json");
        assertEquals(0, after.exitCode(), after.output());
        assertFalse(json(after).at("/hosts/0/tailscale/installed").asBoolean(), after.out());
    }
}
