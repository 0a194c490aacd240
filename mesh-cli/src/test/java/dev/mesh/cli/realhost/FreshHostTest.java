package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code mesh remote provision} on real Debian hosts (bookworm and trixie; no systemd): the whole
 * sequence over real SSH, sudo and apt, Tailscale being the double mesh's upload step installs.
 */
@RequiresDocker(images = {"mesh-test/sshd:bookworm", "mesh-test/sshd:trixie"})
class FreshHostTest {
    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"bookworm", "trixie"})
    void freshHostJoinsWithTheKeyNeverExposedAndASecondRunChangesNothing(String suite) {
        try (LinuxHost host = LinuxHost.start(HostImage.sshd(suite, HostImage.Sudo.NOPASSWD), 0)) {
            MeshCli mesh = new MeshCli(dir).trust(host);

            MeshCli.Run first = mesh.provision(host);

            assertEquals(0, first.exitCode(), first.output());
            assertTrue(first.out().contains("is on the mesh: " + TailscaleDouble.IP), first.out());
            assertTrue(host.root("dpkg -s syncthing").contains("Status: install ok installed"), "syncthing installed by apt");
            assertTrue(host.succeeds("pgrep -x tailscaled"), "tailscaled started in the background");
            assertTrue(first.output().contains("systemd is not running"), "says it could not enable services: " + first.out());
            assertEquals("", host.root("ls -A /tmp | grep '^mesh-' || true"), "mesh files left in /tmp");
            assertKeyNeverExposed(host, first);
            int loginsFirst = host.acceptedLogins();
            assertEquals(1, loginsFirst, "SSH connections for one provision");

            MeshCli.Run second = mesh.provision(host);

            assertEquals(0, second.exitCode(), second.output());
            assertTrue(second.out().contains("already on the mesh") && second.out().contains("nothing changed"), second.out());
            assertEquals(1, TailscaleDouble.upCount(host), "no second `tailscale up`");
            assertEquals(1, mesh.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count(),
                    "no second key minted");
            assertEquals(1, host.acceptedLogins() - loginsFirst, "SSH connections for the second run");
            Measured.report("%s: first provision %s ms, second %s ms, SSH logins %s + %s", suite, first.elapsed().toMillis(),
                    second.elapsed().toMillis(), loginsFirst, host.acceptedLogins() - loginsFirst);
        }
    }

    /**
     * The key reached tailscale (by digest) on its standard input, no key file existed while up ran,
     * and the key is in no argv, env, output or file left behind.
     */
    static void assertKeyNeverExposed(LinuxHost host, MeshCli.Run run) {
        assertEquals(MeshCli.keyDigest(), TailscaleDouble.keyDigest(host), "tailscale up read the minted key");
        assertEquals("/dev/stdin (not a regular file)", TailscaleDouble.keySource(host), "read from up's standard input");
        assertFalse(TailscaleDouble.tmpDuringUp(host).contains("mesh-"), "a mesh file in /tmp during up: "
                + TailscaleDouble.tmpDuringUp(host));
        String processes = TailscaleDouble.processesDuringUp(host);
        assertTrue(processes.contains("tailscale up") && processes.contains("--auth-key=file:/dev/stdin"),
                "the snapshot was taken during up: " + processes);
        assertFalse(processes.contains(MeshCli.KEY), "key in a process's argv: " + processes);
        String calls = TailscaleDouble.calls(host);
        assertTrue(calls.contains("argv: up") && calls.contains("env: "), "calls recorded: " + calls);
        assertFalse(calls.contains(MeshCli.KEY), "key in tailscale's argv or environment");
        assertFalse(run.output().contains(MeshCli.KEY), "key in mesh's output");
        assertEquals("", host.exec("grep -rlF -e '" + MeshCli.KEY + "' /tmp /var /etc /home /root /run 2>/dev/null").getStdout(),
                "files holding the key");
    }
}
