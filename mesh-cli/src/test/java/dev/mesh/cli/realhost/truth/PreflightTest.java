package dev.mesh.cli.realhost.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mesh.cli.realhost.HostImage;
import dev.mesh.cli.realhost.LinuxHost;
import dev.mesh.cli.realhost.MeshCli;
import dev.mesh.cli.realhost.RequiresDocker;
import dev.mesh.cli.realhost.TailscaleDouble;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §2 on one real Debian host (sshd, no systemd, the docker host's TUN device): PREFLIGHT
 * establishes what {@code tailscale up} needs before any key is minted. Without a TUN device the run
 * stops naming it; a stopped tailscaled is started as INSTALLING starts it (here in the background,
 * in kernel mode: the double opens the real {@code /dev/net/tun}); a client older than the
 * Headscale double accepts is upgraded with the upload install method, or the run stops naming both
 * versions; a CLI only on the login user's PATH is the one root runs. The scenarios build on each
 * other, in order, on one container.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class PreflightTest extends OneHostTest {
    @BeforeAll
    static void start() {
        assumeTrue(Files.exists(Path.of("/dev/net/tun")), "the docker host has no /dev/net/tun to give the container");
        use(LinuxHost.startWithTun(HostImage.sshd("bookworm", HostImage.Sudo.NOPASSWD)));
        mesh.setting("mesh.plugins.linux.userspace-networking = false");
    }

    @Test
    @Order(1)
    void withoutATunDeviceTheRunStopsBeforeAnyKeyAndSaysHowToGetOne() {
        host.root("mv /dev/net/tun /dev/net/tun.away");
        try {
            MeshCli.Run run = mesh.provision(host, "--skip-syncthing");
            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("The host has no TUN device for tailscaled (at PREFLIGHT)"), run.err());
            assertTrue(run.err().contains("the host has no TUN device (/dev/net/tun is missing"), run.err());
            assertTrue(run.err().contains("--device /dev/net/tun") && run.err().contains("userspace-networking = true"), run.err());
            assertEquals(0, mesh.keysMinted(), "no key minted");
            assertFalse(host.succeeds("test -e /usr/bin/tailscale"), "nothing installed");
        } finally {
            host.root("mv /dev/net/tun.away /dev/net/tun");
        }
    }

    @Test
    @Order(2)
    void aStoppedDaemonIsStartedTheWayInstallingStartsItBeforeAnyKey() {
        TailscaleDouble.install(host, dir, "");
        assertFalse(host.succeeds("pgrep -x tailscaled"), "installed, not running");

        MeshCli.Run run = mesh.provision(host, "--skip-syncthing");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.out().contains("tailscaled is not running (failed to connect to local tailscaled; it doesn't appear to"
                + " be running (sudo systemctl start tailscaled ?)); starting it"), run.out());
        assertTrue(run.out().contains("tailscaled started in the background"), run.out());
        assertTrue(run.out().indexOf("starting it") < run.out().indexOf("Auth key created"), "before the key: " + run.out());
        assertTrue(run.out().contains("is on the mesh: " + TailscaleDouble.IP), run.out());
        String daemon = host.root("ps -o args= -C tailscaled");
        assertFalse(daemon.contains("userspace"), "kernel mode, with the real TUN device: " + daemon);
    }

    @Test
    @Order(3)
    void anOldClientIsUpgradedWithTheInstallMethodBeforeAnyKey() {
        host.root("mkdir -p /etc/tailscale-double && echo 1.58.0 > /etc/tailscale-double/version");
        mesh.headscaleVersion("0.28.0");
        long keys = mesh.keysMinted();

        MeshCli.Run run = mesh.provision(host, "--skip-syncthing");

        assertEquals(0, run.exitCode(), run.output());
        assertEquals(keys, mesh.keysMinted(), "a joined node gets no key");
        assertTrue(run.out().contains("Tailscale 1.58.0 on 127.0.0.1 is older than 1.74.0, the oldest client Headscale 0.28.0"
                + " accepts; upgrading it"), run.out());
        assertTrue(run.out().contains("Tailscale upgraded from 1.58.0 to 1.80.2"), run.out());
        assertEquals("1.80.2", host.root("tailscale version | head -n 1").strip());
    }

    @Test
    @Order(4)
    void anUpgradeThatLeavesItTooOldStopsNamingBothVersions() {
        Path current = TailscaleDouble.writeInstaller(dir);
        Path old = TailscaleDouble.writeInstaller(dir, "install-tailscale-1.58.sh", "1.58.0");
        host.root("echo 1.58.0 > /etc/tailscale-double/version");
        mesh.setting("mesh.plugins.linux.install.upload-file = \"" + old + "\"");
        try {
            MeshCli.Run run = mesh.provision(host, "--skip-syncthing");
            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("Tailscale on the host is too old for this Headscale (at PREFLIGHT)"), run.err());
            assertTrue(run.err().contains("Tailscale 1.58.0 on 127.0.0.1 is older than 1.74.0, the oldest client Headscale"
                    + " 0.28.0 accepts; installed again with install.method = upload (install-tailscale-1.58.sh), and the client"
                    + " is now 1.58.0"), run.err());
        } finally {
            mesh.setting("mesh.plugins.linux.install.upload-file = \"" + current + "\"");
            host.root("rm -f /etc/tailscale-double/version");
            mesh.headscaleVersion("0.26.0");
        }
    }

    @Test
    @Order(5)
    void aCliOnlyOnTheLoginUsersPathIsTheOneRootRuns() {
        host.root("mv /usr/bin/tailscale /usr/games/tailscale && echo https://old.example.test > "
                + TailscaleDouble.STATE + "/control-url");
        assertFalse(host.succeeds("sudo -u steve sudo -n sh -c 'command -v tailscale'"), "not on sudo's secure_path");

        MeshCli.Run run = mesh.provision(host, "--skip-syncthing");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.out().contains("The login user's PATH finds /usr/games/tailscale, sudo's secure_path no tailscale:"
                + " mesh runs /usr/games/tailscale by its absolute path, as root too"), run.out());
        assertTrue(TailscaleDouble.processesDuringUp(host).contains("/usr/games/tailscale up"),
                TailscaleDouble.processesDuringUp(host));
    }
}
