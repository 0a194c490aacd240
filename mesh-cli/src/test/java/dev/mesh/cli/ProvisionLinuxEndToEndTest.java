package dev.mesh.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.os.linux.SimulatedDebianHost;
import dev.mesh.testkit.SecretAssertions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** {@code mesh remote provision} through the real CLI, SSH client, state machine and Linux plugin. */
class ProvisionLinuxEndToEndTest extends SimulatedDebianCliTest {

    private int provision(String... extra) {
        return provision("steve@127.0.0.1", debian.host.port(), extra);
    }

    @Test
    void freshDebianHostJoinsOverOneConnectionWithTheKeyNeverOnACommandLine() throws Exception {
        int code = provision();

        assertEquals(0, code, cli.output());
        assertTrue(cli.out.contains("is on the mesh: " + SimulatedDebianHost.TAILSCALE_IP), cli.out);
        assertEquals(1, debian.host.connectionCount(), "SSH connections per provision");
        // the sequence ran in order: SSH test, detect, key, install, up, verify, Syncthing
        List<String> commands = debian.host.commands();
        assertEquals("echo connected", commands.get(0));
        assertOrder(commands, "uname -s", "sudo -n true", "curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 sh",
                "sudo -n /usr/bin/tailscale up ", "/usr/bin/tailscale status --json",
                "sudo -n timeout -k 2 0 env DEBIAN_FRONTEND=noninteractive apt-get install -y -o 'DPkg::Lock::Timeout=120' syncthing",
                "sudo -n systemctl enable --now 'syncthing@steve'");
        // the key reached tailscale on its standard input, over the SSH channel, and nowhere else
        assertEquals(CliHarness.KEY, debian.keyReadByUp);
        assertEquals("/dev/stdin", debian.keySource);
        SecretAssertions.assertOnlyOnStdin(debian.host, Secret.of(CliHarness.KEY));
        assertFalse(cli.output().contains(CliHarness.KEY), "key in the output");
        try (Stream<Path> tmp = Files.list(debian.host.file("/tmp"))) {
            assertEquals(List.of(), tmp.toList(), "files left in /tmp");
        }
        // the up command: complete flag set, key from standard input, a timeout
        String up = commands.stream().filter(c -> c.startsWith("sudo -n /usr/bin/tailscale up ")).findFirst().orElseThrow();
        assertEquals("sudo -n /usr/bin/tailscale up --login-server=http://127.0.0.1:8080 --auth-key=file:/dev/stdin"
                + " --timeout=5s", up);
        // the key as the seed meant it: reusable, 24 h, user by id on Headscale 0.26
        String create = cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).findFirst().orElseThrow();
        assertTrue(create.contains("--user 1") && create.contains("--reusable") && create.contains("--expiration 24h"), create);
    }

    @Test
    void secondRunOnAJoinedHostChangesNothingAndSaysSo() throws Exception {
        assertEquals(0, provision(), cli.output());
        int commandsBefore = debian.host.commands().size();
        int keysBefore = (int) cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count();

        assertEquals(0, provision(), cli.output());

        assertTrue(cli.out.contains("already on the mesh") && cli.out.contains("nothing changed"), cli.out);
        List<String> second = debian.host.commands().subList(commandsBefore, debian.host.commands().size());
        assertTrue(second.stream().noneMatch(c -> c.contains("tailscale up") || c.contains("install.sh")
                || c.contains("apt-get install") || c.contains("apt-get -o")), second.toString());
        assertEquals(keysBefore, cli.headscaleCalls().stream().filter(l -> l.startsWith("preauthkeys create")).count(),
                "no new key minted");
    }

    @Test
    void preferenceFlagsReachUpAndAJoinedHostGetsTheDifferenceBySet() {
        assertEquals(0, provision("--accept-dns=false", "--hostname=web-1"), cli.output());
        String up = debian.host.commands().stream().filter(c -> c.startsWith("sudo -n /usr/bin/tailscale up ")).findFirst()
                .orElseThrow();
        assertTrue(up.contains(" --accept-dns=false --hostname=web-1 "), up);
        assertEquals("false", debian.node.pref("accept-dns"));

        // a joined host Headscale lists: PREFLIGHT (before REGISTRY_CHECK) sets what differs, no key, no up
        assertEquals(0, provision("--accept-dns", "--hostname=web-1"), cli.output());
        assertTrue(debian.host.commands().contains("sudo -n /usr/bin/tailscale set --accept-dns=true"),
                debian.host.commands().toString());
        assertTrue(cli.out.contains("Changed the node's preferences (tailscale set --accept-dns=true): accept-dns false → true"),
                cli.out);
        assertEquals(1, debian.upCount, "no second up");
        assertFalse(cli.out.contains("Tailscale left as it is"), "PREFLIGHT changed the node: " + cli.out);

        int before = debian.host.commands().size();
        assertEquals(0, provision("--accept-dns=true", "--hostname=web-1"), cli.output());
        assertTrue(cli.out.contains("Tailscale preferences are as wanted"), cli.out);
        assertTrue(cli.out.contains("Tailscale left as it is"), cli.out);
        assertTrue(debian.host.commands().subList(before, debian.host.commands().size()).stream()
                .noneMatch(c -> c.contains("tailscale set") || c.contains("tailscale up")));
    }

    @Test
    void aBadPreferenceFlagIsExitTwoBeforeAnyConnection() {
        assertEquals(2, provision("--hostname=not a label"), cli.output());
        assertEquals(0, debian.host.connectionCount());
    }

    @Test
    void skipSyncthingLeavesItOut() {
        assertEquals(0, provision("--skip-syncthing"), cli.output());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("syncthing")));
        assertTrue(cli.out.contains("Syncthing skipped"), cli.out);
    }

    @Test
    void detectPrintsWhatItFoundAndChangesNothing() {
        int code = cli.run("remote", "detect", "steve@127.0.0.1", "-p", String.valueOf(debian.host.port()),
                "-i", debian.host.clientKey().toString());
        assertEquals(0, code, cli.output());
        assertTrue(cli.out.contains("family:          linux") && cli.out.contains("distribution:    debian")
                && cli.out.contains("version:         12") && cli.out.contains("package manager: apt"), cli.out);
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("sudo")), debian.host.commands().toString());
    }

    private static void assertOrder(List<String> commands, String... prefixes) {
        int at = 0;
        for (String prefix : prefixes) {
            int found = -1;
            for (int i = at; i < commands.size(); i++) {
                if (commands.get(i).startsWith(prefix)) {
                    found = i;
                    break;
                }
            }
            assertTrue(found >= 0, "'" + prefix + "' not found in order in " + commands);
            at = found + 1;
        }
    }
}
