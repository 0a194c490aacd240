package dev.mesh.cli.realhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scenario 4: {@code mesh remote prepare} on a real host whose sudo asks for a password — real sudo,
 * real visudo. Afterwards provisioning needs no password, and the rules it wrote give no root shell.
 */
@RequiresDocker(images = "mesh-test/sshd:bookworm")
class PrepareTest {
    static final String HELPER = "/usr/local/libexec/mesh/mesh-root";

    @TempDir
    Path dir;

    @Test
    void prepareWritesNarrowRulesThenProvisionSucceedsAndTheRulesGiveNoRootShell() {
        try (LinuxHost host = LinuxHost.start(HostImage.sshd("bookworm", HostImage.Sudo.PASSWORD), 0)) {
            MeshCli mesh = new MeshCli(dir).trust(host);

            MeshCli.Run wrong = mesh.prepare(host, "not-the-password");
            assertEquals(1, wrong.exitCode(), wrong.output());
            assertTrue(wrong.err().contains("sudo rejected the password"), wrong.err());
            assertFalse(host.succeeds("test -e /etc/sudoers.d/zz-mesh"), "rules installed after a wrong password");

            MeshCli.Run prepared = mesh.prepare(host, HostImage.PASSWORD);
            assertEquals(0, prepared.exitCode(), prepared.output());
            assertFalse(prepared.output().contains(HostImage.PASSWORD), "password in the output");
            assertEquals("root root 440", host.root("stat -c '%U %G %a' /etc/sudoers.d/zz-mesh").strip());
            assertEquals("root root 755", host.root("stat -c '%U %G %a' " + HELPER).strip());
            assertTrue(host.succeeds("visudo -c"), "visudo -c fails with the new rules");
            assertEquals("steve ALL=(root) NOPASSWD: " + HELPER,
                    host.root("grep -v '^#' /etc/sudoers.d/zz-mesh").strip());
            assertEquals("", host.root("ls -A /tmp"), "files left in /tmp by prepare");

            // no root shell, no apt-get option tricks, no tailscale wildcard, no helper abuse
            for (String attack : List.of(
                    "sudo -n bash -c id",
                    "sudo -n sh -c id",
                    "sudo -n apt-get install -y -o 'APT::Update::Pre-Invoke::=id' syncthing",
                    "sudo -n apt-get -o 'APT::Update::Pre-Invoke::=touch /pwned' update",
                    "sudo -n tailscale up",
                    "sudo -n /usr/bin/tailscaled",
                    "sudo -n " + HELPER + " sh",
                    "sudo -n " + HELPER + " tailscale-up --login-server=http://127.0.0.1:9 --auth-key=file:/etc/shadow --timeout=5s",
                    "sudo -n " + HELPER + " tailscale-up --login-server=http://127.0.0.1:9 --auth-key=tskey-x --timeout=5s",
                    "sudo -n " + HELPER + " enable-service ssh",
                    "sudo -n " + HELPER + " install-syncthing 'apt; id'")) {
                String script = "su -s /bin/sh steve -c " + sh(attack + " </dev/null");
                var result = host.exec(script);
                assertNotEquals(0, result.getExitCode(), "allowed as steve: " + attack + "\n" + result.getStdout());
                assertFalse(result.getStdout().contains("uid=0"), "root shell via: " + attack);
            }
            assertFalse(host.succeeds("test -e /pwned"), "apt option trick ran as root");

            MeshCli.Run provision = mesh.provision(host);
            assertEquals(0, provision.exitCode(), provision.output());
            assertTrue(host.succeeds("dpkg -s syncthing"), "syncthing not installed");
            assertTrue(host.succeeds("test -x /usr/bin/tailscale"), "tailscale double not installed");
            assertEquals("", host.root("ls -A /tmp | grep '^mesh-' || true").strip(), "mesh files left in /tmp");

            MeshCli.Run again = mesh.prepare(host, HostImage.PASSWORD);
            assertEquals(0, again.exitCode(), again.output());
            assertTrue(again.out().contains("already prepared"), again.out());
            Measured.report("prepare then provision: prepare %s ms, provision %s ms", prepared.elapsed().toMillis(),
                    provision.elapsed().toMillis());

            // issue 11: remove --unprepare logs out through the helper, then takes away the rule and the helper
            MeshCli.Run remove = mesh.run(List.of("--config", mesh.config.toString(), "remote", "remove", host.target(),
                    "-p", String.valueOf(host.port()), "-i", ClientKey.shared().privateKey().toString(), "-s",
                    MeshCli.SERVER, "--yes", "--unprepare"));
            assertEquals(0, remove.exitCode(), remove.output());
            assertEquals("NeedsLogin", host.root("cat " + TailscaleDouble.STATE + "/backend").strip(), remove.output());
            assertFalse(host.succeeds("test -e /etc/sudoers.d/zz-mesh"), "the sudo rule stays: " + remove.output());
            assertFalse(host.succeeds("test -e " + HELPER), "the helper stays: " + remove.output());
            assertTrue(host.succeeds("visudo -c"), "sudoers broken after unprepare");
        }
    }

    private static String sh(String s) {
        return "'" + s.replace("'", "'\\''") + "'";
    }
}
