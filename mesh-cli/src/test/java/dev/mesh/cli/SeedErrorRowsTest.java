package dev.mesh.cli;

import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every row of the seed's Error Handling table, produced for real through the CLI: the message, the
 * resolution hint, exit code 1, and the step it stopped at. (The Windows row is in the Windows tests.)
 */
class SeedErrorRowsTest extends SimulatedDebianCliTest {

    private int provision(int port) {
        return provision("steve@127.0.0.1", port);
    }

    private void assertRow(FailureReason reason, String step) {
        String err = cli.err;
        // issue 14: every failure line names the host
        assertTrue(err.contains("✗ steve@127.0.0.1:" + debian.host.port() + ": " + reason.message() + " (at " + step + ")"), err);
        if (reason != FailureReason.SUDO_PASSWORD_REQUIRED) {
            assertTrue(err.contains("Hint: " + reason.hint()), err);
        }
        assertFalse(cli.output().contains(CliHarness.KEY), "key in output");
    }

    @Test
    void sshConnectionFailed() throws Exception {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        long start = System.nanoTime();
        assertEquals(ExitCodes.FAILURE, provision(closedPort), cli.output());
        assertTrue(cli.err.contains("✗ steve@127.0.0.1:" + closedPort + ": " + FailureReason.SSH_CONNECTION_FAILED.message()
                + " (at SSH_TESTING)"), cli.err);
        assertTrue(cli.err.contains("Connection refused"), cli.err);
        // issue 14: the refused-port hint, with the real port and a runnable ssh command
        assertTrue(cli.err.contains("Hint: Nothing accepts connections on port " + closedPort + " of 127.0.0.1"), cli.err);
        assertTrue(cli.err.contains("-p " + closedPort + " steve@127.0.0.1"), cli.err);
        assertTrue(System.nanoTime() - start < 5_000_000_000L, "a refused port fails fast");
    }

    @Test
    void couldNotDetectOs() {
        debian.host.on(c -> c.startsWith("uname") || c.startsWith("echo %OS%") || c.startsWith("powershell"),
                (c, h) -> result(127, "", "rbash: command not allowed\n"));
        assertEquals(ExitCodes.FAILURE, provision(debian.host.port()), cli.output());
        assertRow(FailureReason.OS_NOT_DETECTED, "OS_DETECTING");
        assertTrue(cli.err.contains("uname -s"), "the message shows what the host answered: " + cli.err);
    }

    @Test
    void failedToGenerateAuthKey() throws Exception {
        cli.headscale("0.26.0", "garbled");
        // --force skips the node list, so minting the key is the first question to Headscale
        assertEquals(ExitCodes.FAILURE, provision("steve@127.0.0.1", debian.host.port(), "--force"), cli.output());
        assertRow(FailureReason.AUTH_KEY_FAILED, "KEY_GENERATING");
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("install.sh")), "nothing installed");
    }

    @Test
    void unreachableHeadscaleIsItsOwnRowNotAKeyFailure() throws Exception {
        cli.headscale("0.26.0", "down");
        assertEquals(ExitCodes.FAILURE, provision(debian.host.port()), cli.output());
        // Headscale is first asked at REGISTRY_CHECK (its node list), before anything on the host changes
        assertRow(FailureReason.HEADSCALE_UNREACHABLE, "REGISTRY_CHECK");
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("install.sh")), "nothing installed");
    }

    @Test
    void sudoRequiresPassword() {
        debian.host.onExact("sudo -n true", 1, "", "sudo: a password is required\n");
        assertEquals(ExitCodes.FAILURE, provision(debian.host.port()), cli.output());
        assertRow(FailureReason.SUDO_PASSWORD_REQUIRED, "PREFLIGHT");
        // issue 14: the hint is a runnable command with the real host and port, not USER@HOST
        assertTrue(cli.err.contains("Hint: Run `mesh remote prepare steve@127.0.0.1 -p " + debian.host.port() + " -i "),
                cli.err);
        assertFalse(cli.err.contains("USER@HOST"), cli.err);
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("install.sh") || c.contains("apt-get install")),
                "nothing installed");
    }

    @Test
    void tailscaleInstallFailed() {
        debian.host.onExact("curl -fsSL 'https://tailscale.com/install.sh' | sudo -n timeout -k 2 0 sh", 0, "",
                "curl: (6) Could not resolve host: tailscale.com\n");
        assertEquals(ExitCodes.FAILURE, provision(debian.host.port()), cli.output());
        assertRow(FailureReason.TAILSCALE_INSTALL_FAILED, "INSTALLING");
        assertTrue(cli.err.contains("Could not resolve host"), cli.err);
    }

    @Test
    void badInputIsRejectedBeforeAnyConnection() {
        List<String[]> bad = new ArrayList<>();
        bad.add(new String[] {"remote", "provision", "steve@bad host", "-s", "http://127.0.0.1:8080"});
        bad.add(new String[] {"remote", "provision", "steve@127.0.0.1", "-p", "0", "-s", "http://127.0.0.1:8080"});
        bad.add(new String[] {"remote", "provision", "steve@127.0.0.1", "-p", "x", "-s", "http://127.0.0.1:8080"});
        bad.add(new String[] {"remote", "provision", "steve@127.0.0.1", "-p", String.valueOf(debian.host.port()), "-s", "ftp://h"});
        bad.add(new String[] {"remote", "provision", "steve@127.0.0.1", "-p", String.valueOf(debian.host.port())});
        bad.add(new String[] {"remote", "provision"});
        bad.add(new String[] {"remote", "provision", "steve@127.0.0.1", "--bogus"});
        for (String[] args : bad) {
            assertEquals(ExitCodes.USAGE, cli.run(args), String.join(" ", args) + "\n" + cli.output());
            assertTrue(cli.err.startsWith("mesh: "), cli.err);
        }
        cli.env.put("MESH_SSH_PORT", "seventy");
        assertEquals(ExitCodes.USAGE, cli.run("remote", "provision", "steve@127.0.0.1", "-s", "http://127.0.0.1:8080"));
        assertTrue(cli.err.contains("MESH_SSH_PORT"), cli.err);
        assertEquals(0, debian.host.connectionCount(), "no connection was opened");
    }
}
