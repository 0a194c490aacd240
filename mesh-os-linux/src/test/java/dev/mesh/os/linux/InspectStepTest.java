package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.ok;
import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.StepFailedException;
import dev.mesh.testkit.ScriptedHost;
import org.junit.jupiter.api.Test;

class InspectStepTest {

    private static TestContext installed(String user, String state) {
        ScriptedHost host = SimulatedDebianHost.bare()
                .onExact("id -u", user.equals("root") ? "0\n" : "1000\n")
                .onExact("sudo -n true", "")
                .onExact("command -v tailscale", "/usr/bin/tailscale\n")
                .onExact("tailscale version", "1.80.2\n  tailscale commit: abc\n")
                .onExact("tailscale status --json", TailscaleJson.status(state));
        TestContext ctx = new TestContext(host, user);
        ctx.authKey = null; // inspection runs before the key exists
        return ctx;
    }

    @Test
    void sudoWithPasswordFailsWithTheReasonAndSudoOutput() {
        ScriptedHost host = SimulatedDebianHost.bare()
                .onExact("id -u", "1000\n")
                .onExact("sudo -n true", result(1, "", "sudo: a password is required\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(new TestContext(host, "steve")));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
        assertTrue(e.getMessage().contains("a password is required"), e.getMessage());
        assertTrue(e.hint().contains("mesh remote prepare"), e.hint());
    }

    @Test
    void missingSudoSaysSo() {
        ScriptedHost host = SimulatedDebianHost.bare().onExact("id -u", "1000\n");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(new TestContext(host, "steve")));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
        assertTrue(e.getMessage().startsWith("sudo is not installed"), e.getMessage());
    }

    @Test
    void rootNeedsNoSudoAndRootCommandsHaveNoSudo() {
        TestContext ctx = installed("root", "Running");
        ctx.host.onExact("tailscale debug prefs", TailscaleJson.prefs("http://headscale.test:8080"));
        Preflight status = InspectStep.run(ctx);
        assertTrue(status.joined());
        assertFalse(ctx.host.commands().contains("sudo -n true"));
        assertTrue(ctx.host.commands().stream().noneMatch(c -> c.startsWith("sudo")), String.valueOf(ctx.host.commands()));
        assertTrue(ctx.listener.has("info", "root"));
    }

    @Test
    void notInstalled() {
        ScriptedHost host = SimulatedDebianHost.bare().onExact("id -u", "1000\n").onExact("sudo -n true", "")
                .onExact("command -v tailscale", result(127, "", ""));
        assertEquals(Preflight.notInstalled("Tailscale not installed"), InspectStep.run(new TestContext(host, "steve")));
    }

    @Test
    void installedButLoggedOutIsNotJoined() {
        Preflight status = InspectStep.run(installed("steve", "NeedsLogin"));
        assertEquals(Preflight.installed("Tailscale 1.80.2 installed, NeedsLogin"), status);
    }

    @Test
    void stoppedIsNotJoined() {
        assertFalse(InspectStep.run(installed("steve", "Stopped")).joined());
    }

    @Test
    void daemonNotAnsweringIsNotJoined() {
        TestContext ctx = installed("steve", "Running");
        ctx.host.onExact("tailscale status --json", result(1, "",
                "failed to connect to local tailscaled; it doesn't appear to be running (sudo systemctl start tailscaled ?)\n"));
        Preflight status = InspectStep.run(ctx);
        assertFalse(status.joined());
        assertTrue(status.summary().contains("tailscaled not answering"), status.summary());
    }

    @Test
    void runningOnThisServerIsJoined() {
        TestContext ctx = installed("steve", "Running");
        ctx.host.onExact("sudo -n tailscale debug prefs", TailscaleJson.prefs("http://HEADSCALE.test:8080/"));
        assertTrue(InspectStep.run(ctx).joined());
    }

    @Test
    void runningOnAnotherServerIsNotJoined() {
        TestContext ctx = installed("steve", "Running");
        ctx.host.onExact("sudo -n tailscale debug prefs", TailscaleJson.prefs("https://controlplane.tailscale.com"));
        Preflight status = InspectStep.run(ctx);
        assertFalse(status.joined());
        assertTrue(status.summary().contains("--force-reauth"), status.summary());
    }

    @Test
    void unreadablePrefsTreatRunningAsJoinedAndSaySo() {
        TestContext ctx = installed("steve", "Running");
        ctx.host.onExact("sudo -n tailscale debug prefs", result(1, "", "unknown subcommand\n"));
        Preflight status = InspectStep.run(ctx);
        assertTrue(status.joined());
        assertTrue(ctx.listener.has("info", "treating the Running node as joined"), String.valueOf(ctx.listener.lines));
    }

    @Test
    void prefsWithoutControlUrlCountAsUnreadable() {
        TestContext ctx = installed("steve", "Running");
        ctx.host.onExact("sudo -n tailscale debug prefs", ok("{\"RouteAll\": true}"));
        assertTrue(InspectStep.run(ctx).joined());
        assertTrue(ctx.listener.has("info", "Could not read"));
    }
}
