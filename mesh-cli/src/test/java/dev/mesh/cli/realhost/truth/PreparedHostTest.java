package dev.mesh.cli.realhost.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.cli.realhost.HostImage;
import dev.mesh.cli.realhost.LinuxHost;
import dev.mesh.cli.realhost.MeshCli;
import dev.mesh.cli.realhost.RequiresDocker;
import dev.mesh.cli.realhost.TailscaleDouble;
import dev.mesh.os.linux.PreparedHelper;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 §9 and issue 8 §2 on a real Debian host whose sudo wants a password, prepared as
 * {@code mesh remote prepare} prepares it for the login server {@link MeshCli#SERVER} (the helper mesh
 * renders, installed root-owned with the one sudo rule; real sudo, real visudo). Provisioning with
 * that server works through the helper only; another login server, or a preference the helper was
 * not prepared for, stops the run before any key with the HELPER_STALE row ("run mesh remote prepare
 * again"), and the helper itself refuses the other server; a second {@code tailscale} first on the
 * login user's PATH, which the helper would not run, stops the run naming both.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class PreparedHostTest extends OneHostTest {
    private static final String OTHER = "http://127.0.0.1:9090";

    @BeforeAll
    static void prepare() {
        use(LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.PASSWORD), 0));
        Path installer = TailscaleDouble.writeInstaller(dir);
        String helper = PreparedHelper.text("install { method = upload, upload-file = \"" + installer + "\" }\n"
                + "apt-lock-timeout = 5s\nuserspace-networking = true\nservice-check = 1s", MeshCli.SERVER,
                List.of("--accept-dns=false"));
        host.root("mkdir -p /usr/local/libexec/mesh && cat > " + PreparedHelper.PATH + " <<'MESH_HELPER_EOF'\n" + helper
                + "MESH_HELPER_EOF\nchown root:root " + PreparedHelper.PATH + " && chmod 0755 " + PreparedHelper.PATH
                + "\ncat > " + PreparedHelper.SUDOERS + " <<'MESH_RULES_EOF'\n" + PreparedHelper.sudoRules(HostImage.USER)
                + "MESH_RULES_EOF\nchmod 0440 " + PreparedHelper.SUDOERS + " && visudo -c");
    }

    @Test
    @Order(1)
    void thePinnedLoginServerWorksThroughTheHelperOnly() {
        MeshCli.Run run = mesh.provision(host, "--skip-syncthing", "--accept-dns=false");

        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.out().contains("Prepared host: root commands go through " + PreparedHelper.PATH), run.out());
        assertTrue(run.out().contains("is on the mesh: " + TailscaleDouble.IP), run.out());
        assertTrue(TailscaleDouble.prefs(host).contains("\"ControlURL\": \"" + MeshCli.SERVER + "\""));
    }

    @Test
    @Order(2)
    void anotherLoginServerStopsTheRunBeforeAnyKeyAndTheHelperRefusesIt() {
        long keys = mesh.keysMinted();
        MeshCli.Run run = mesh.provisionOn(host, OTHER, "--skip-syncthing", "--accept-dns=false");

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.err().contains("The host's mesh helper was prepared for other settings (at PREFLIGHT)"), run.err());
        assertTrue(run.err().contains("the host's mesh helper was prepared for the login server " + MeshCli.SERVER
                + "; this run uses " + OTHER), run.err());
        assertTrue(run.err().contains("Run `mesh remote prepare` again"), run.err());
        assertEquals(keys, mesh.keysMinted(), "no key minted");

        var direct = host.exec("su -s /bin/sh steve -c 'sudo -n " + PreparedHelper.PATH + " tailscale-up --login-server="
                + OTHER + " --auth-key=file:/dev/stdin --timeout=5s </dev/null'");
        assertEquals(126, direct.getExitCode(), direct.getStdout() + direct.getStderr());
        assertTrue(direct.getStderr().contains("mesh-root: refused: this host was prepared for the login server "
                + MeshCli.SERVER + ", not " + OTHER), direct.getStderr());
    }

    @Test
    @Order(3)
    void aPreferenceTheHelperWasNotPreparedForStopsTheRun() {
        MeshCli.Run run = mesh.provision(host, "--skip-syncthing", "--ssh");

        assertEquals(1, run.exitCode(), run.output());
        assertTrue(run.err().contains("the host's mesh helper was not prepared for --ssh=true (it allows: --accept-dns=false)"),
                run.err());
        assertTrue(run.err().contains("Run `mesh remote prepare` again"), run.err());
    }

    @Test
    @Order(4)
    void aTailscaleTheHelperWouldNotRunStopsTheRunNamingBoth() {
        host.root("cp /usr/bin/tailscale /usr/local/bin/tailscale");
        try {
            MeshCli.Run run = mesh.provision(host, "--skip-syncthing", "--accept-dns=false");
            assertEquals(1, run.exitCode(), run.output());
            assertTrue(run.err().contains("Could not check the host (at PREFLIGHT)"), run.err());
            assertTrue(run.err().contains("the login user's PATH finds /usr/local/bin/tailscale, but mesh's root helper ("
                    + PreparedHelper.PATH + ") would run /usr/bin/tailscale"), run.err());
        } finally {
            host.root("rm -f /usr/local/bin/tailscale");
        }
    }
}
