package dev.mesh.cli.realhost.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.HostImage;
import dev.mesh.cli.realhost.LinuxHost;
import dev.mesh.cli.realhost.Measured;
import dev.mesh.cli.realhost.MeshCli;
import dev.mesh.cli.realhost.RequiresDocker;
import dev.mesh.cli.realhost.TailscaleDouble;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 8 §2 and §5 and issue 14's idempotence where systemd is PID 1 (one real Debian container,
 * real systemd, journald, pam_systemd, apt's Syncthing), in order: a tailscaled that cannot start is
 * named with its journal, before any key; a run after {@code --skip-syncthing} starts
 * {@code syncthing@USER} and says it changed something, the next run says nothing changed; a
 * Syncthing the login user runs as a systemd user service, or started by hand, is found and left
 * alone; a {@code syncthing@USER} that does not stay up (a broken config.xml: real Syncthing exits,
 * systemd restarts it) fails the run with its journal lines.
 */
@RequiresDocker(images = "mesh-test/systemd:bookworm")
class SystemdSyncthingTest extends OneHostTest {
    private static final String USER_SYSTEMCTL = "su - steve -c 'XDG_RUNTIME_DIR=/run/user/$(id -u steve) systemctl --user ";

    @BeforeAll
    static void start() {
        long t0 = System.nanoTime();
        use(LinuxHost.startSystemd(HostImage.systemd("bookworm")));
        // Syncthing with a broken config exits within a second; systemd restarts it after about two
        mesh.setting("mesh.plugins.linux.service-check = 3s");
        // a user systemd manager, as on a Debian host with pam_systemd: lingering starts user@UID.service
        host.root("apt-get update -qq >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpam-systemd"
                + " dbus-user-session syncthing >/dev/null && loginctl enable-linger steve"
                + " && for i in $(seq 1 40); do systemctl is-active --quiet user@$(id -u steve).service && break; sleep 0.5; done");
        Measured.report("systemd host with pam_systemd and Syncthing: ready after %s ms", (System.nanoTime() - t0) / 1_000_000);
    }

    @Test
    @Order(1)
    void aTailscaledThatCannotStartIsNamedWithItsJournalBeforeAnyKey() {
        TailscaleDouble.install(host, dir, "");
        host.root("mkdir -p /var/lib/tailscale/tailscaled.state");
        try {
            MeshCli.Run run = mesh.provision(host, "--skip-syncthing");
            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("tailscaled is not running and could not be started (at PREFLIGHT)"), run.err());
            assertTrue(run.err().contains("journalctl -u tailscaled:"), run.err());
            assertTrue(run.err().contains("tailscaled: open /var/lib/tailscale/tailscaled.state: Is a directory"), run.err());
            assertEquals(0, mesh.keysMinted(), "no key minted");
        } finally {
            host.root("rmdir /var/lib/tailscale/tailscaled.state && systemctl reset-failed tailscaled");
        }
    }

    @Test
    @Order(2)
    void aRunAfterSkipSyncthingStartsItAndSaysItChangedSomethingAndTheNextChangesNothing() {
        MeshCli.Run skipped = mesh.provision(host, "--skip-syncthing");
        assertEquals(0, skipped.exitCode(), skipped.output());
        assertEquals("inactive", host.exec("systemctl is-active syncthing@steve").getStdout().strip());

        MeshCli.Run second = mesh.provision(host);
        assertEquals(0, second.exitCode(), second.output());
        assertTrue(second.out().contains("syncthing@steve enabled and started"), second.out());
        assertTrue(second.out().contains("is on the mesh: " + TailscaleDouble.IP) && !second.out().contains("nothing changed"),
                second.out());
        assertEquals("active", host.exec("systemctl is-active syncthing@steve").getStdout().strip());

        MeshCli.Run third = mesh.provision(host);
        Measured.report("systemd host, Syncthing after --skip-syncthing: %s ms, %s ms, %s ms", skipped.elapsed().toMillis(),
                second.elapsed().toMillis(), third.elapsed().toMillis());
        assertEquals(0, third.exitCode(), third.output());
        assertTrue(third.out().contains("already on the mesh") && third.out().contains("nothing changed"), third.out());
        host.root("systemctl disable --now syncthing@steve");
    }

    @Test
    @Order(3)
    void aSyncthingTheUserStartedByHandIsLeftAlone() {
        host.root("su steve -c 'nohup syncthing serve --no-browser --no-restart >/dev/null 2>&1 &'"
                + " && for i in $(seq 1 20); do pgrep -u steve -x syncthing >/dev/null && break; sleep 0.5; done");
        String pid = host.root("pgrep -u steve -x syncthing | head -n 1").strip();
        try {
            MeshCli.Run run = mesh.provision(host);
            assertEquals(0, run.exitCode(), run.output());
            assertTrue(run.out().contains("Syncthing already runs for steve as a syncthing process (pid " + pid + "); mesh"
                    + " leaves it alone and does not start syncthing@steve"), run.out());
            assertTrue(host.succeeds("kill -0 " + pid), "still running");
            assertEquals("inactive", host.exec("systemctl is-active syncthing@steve").getStdout().strip());
        } finally {
            host.root("pkill -u steve -x syncthing; for i in $(seq 1 20); do pgrep -u steve -x syncthing >/dev/null || break;"
                    + " sleep 0.5; done");
        }
    }

    @Test
    @Order(4)
    void aSyncthingUserServiceIsLeftAlone() {
        host.root(USER_SYSTEMCTL + "enable --now syncthing.service'");

        MeshCli.Run run = mesh.provision(host);

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.out().contains("Syncthing already runs for steve as the systemd user service syncthing.service"
                + " (active, enabled); mesh leaves it alone and does not start syncthing@steve"), run.out());
        assertEquals("active", host.exec(USER_SYSTEMCTL + "is-active syncthing.service'").getStdout().strip());
        assertEquals("inactive", host.exec("systemctl is-active syncthing@steve").getStdout().strip(), "no second instance");
    }

    @Test
    @Order(5)
    void aSyncthingUnitThatDoesNotStayUpFailsWithItsJournal() {
        host.root(USER_SYSTEMCTL + "disable --now syncthing.service' && echo broken > /home/steve/.config/syncthing/config.xml");

        MeshCli.Run run = mesh.provision(host);

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.err().contains("Syncthing install failed (at SYNCTHING)"), run.err());
        assertTrue(run.err().contains("syncthing@steve is not running 3 s after it was started"), run.err());
        assertTrue(run.err().contains("Failed to initialize config"), run.err());
    }
}
