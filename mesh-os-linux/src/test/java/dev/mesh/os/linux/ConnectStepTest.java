package dev.mesh.os.linux;

import static dev.mesh.testkit.ScriptedHost.result;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepTimeouts;
import dev.mesh.api.TransportException;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleArguments;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SecretAssertions;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConnectStepTest {
    private static final String UP = "sudo -n tailscale up --reset --login-server=http://headscale.test:8080"
            + " --auth-key=file:/dev/stdin --accept-routes=true --timeout=60s";

    private static SimulatedDebianHost<ScriptedHost> installedHost() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.tailscaleInstalled = true;
        return debian;
    }

    @Test
    void theKeyGoesOnUpsStandardInputAndNowhereElse() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        TestContext ctx = new TestContext(debian);
        ConnectResult result = ConnectStep.run(ctx);
        assertFalse(result.manualStepNeeded());
        assertEquals(List.of("id -u", "tailscale status --json", "sudo -n true", UP), debian.host.commands());
        assertEquals(ctx.authKey().reveal() + "\n", debian.host.calls().get(3).input());
        assertEquals(ctx.authKey().reveal(), debian.keyReadByUp);
        assertEquals("/dev/stdin", debian.keySource);
        assertTrue(debian.host.uploads().isEmpty(), "no key file is uploaded");
        SecretAssertions.assertOnlyOnStdin(debian.host, ctx.authKey());
        SecretAssertions.assertNotIn(ctx.messages, ctx.authKey());
    }

    @Test
    void upGetsTheConnectTimeoutPlusMargin() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        TestContext ctx = new TestContext(debian);
        ctx.timeouts = new StepTimeouts(Duration.ofSeconds(120), Duration.ofSeconds(180), Duration.ofSeconds(45));
        ConnectStep.run(ctx);
        assertEquals(Duration.ofSeconds(45).plus(Tailscale.UP_MARGIN), debian.host.timeoutOf("sudo -n tailscale up"));
        assertTrue(debian.host.commands().stream().anyMatch(c -> c.endsWith(" --timeout=45s")));
    }

    @Test
    void failedUpIsAConnectFailure() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.host.onPrefix("sudo -n tailscale up ", (c, h) -> result(1, "",
                "backend error: invalid key: unable to validate API key\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(new TestContext(debian)));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("invalid key"), e.getMessage());
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED.hint(), e.hint());
    }

    @Test
    void aBrokenConnectionDuringUpLeavesNothingOnTheHost() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.host.onPrefix("sudo -n tailscale up ", (c, h) -> {
            throw new TransportException("channel closed");
        });
        TestContext ctx = new TestContext(debian);
        assertThrows(TransportException.class, () -> ConnectStep.run(ctx));
        assertEquals(List.of(), debian.host.filesUnder("/"));
        SecretAssertions.assertNeverInArgv(debian.host, ctx.authKey());
    }

    @Test
    void keyEchoedByTheCliIsRedacted() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        TestContext ctx = new TestContext(debian);
        debian.host.onPrefix("sudo -n tailscale up ", (c, h) -> result(1, "", "invalid key \"" + ctx.authKey().reveal() + "\"\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(ctx));
        assertFalse(ctx.authKey().isIn(e.getMessage()), e.getMessage());
        assertTrue(e.getMessage().contains("invalid key \"****\""), e.getMessage());
    }

    @Test
    void aHelperThatRefusesTheFlagsSaysToPrepareAgain() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost().prepared("0123456789abcdef");
        debian.host.onPrefix(SimulatedDebianHost.HELPER + "'tailscale-up' ", (c, h) -> result(126, "",
                "mesh-root: refused: not a file mesh uploads: /dev/stdin\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(new TestContext(debian)));
        assertTrue(e.hint().contains("mesh remote prepare"), e.hint());
    }

    @Test
    void runningOnAnotherServerAddsForceReauth() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.running = true;
        debian.controlUrl = "https://controlplane.tailscale.com";
        TestContext ctx = new TestContext(debian);
        ConnectStep.run(ctx);
        String up = debian.host.commands().stream().filter(c -> c.contains("tailscale up")).findFirst().orElseThrow();
        assertTrue(up.endsWith(" --force-reauth"), up);
        assertTrue(ctx.listener.has("info", "--force-reauth"));
    }

    @Test
    void loggedOutNodeNeedsNoForceReauthNorPrefs() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        ConnectStep.run(new TestContext(debian));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("--force-reauth") || c.contains("debug prefs")));
    }

    @Test
    void upQuotesEveryValueThatNeedsIt() throws Exception {
        String server = "https://hs.example.test:8443/it's%20here?x=$(id)&y=;reboot";
        List<String> flags = TailscaleArguments.up(java.net.URI.create(server), Duration.ofMillis(1500),
                dev.mesh.api.tailscale.TailscalePreferences.builder().hostname("web-1").build(), false, List.of());
        String command = new LinuxTailscale(InstallTailscaleStepTest.shell("steve")).command(flags);
        assertEquals("sudo -n tailscale up --reset"
                + " '--login-server=https://hs.example.test:8443/it'\\''s%20here?x=$(id)&y=;reboot'"
                + " --auth-key=file:/dev/stdin --hostname=web-1 --timeout=1s", command);
        // sh hands tailscale exactly these arguments
        String args = InstallTailscaleStepTest.sh("printf '[%s]\\n' " + command.substring("sudo -n tailscale up ".length()));
        assertEquals("[--reset]\n[--login-server=" + server + "]\n[--auth-key=file:/dev/stdin]\n[--hostname=web-1]\n"
                + "[--timeout=1s]\n", args);
    }

    @Test
    void rootRunsUpWithoutSudo() {
        String command = new LinuxTailscale(InstallTailscaleStepTest.shell("root"))
                .command(List.of("up", "--reset", "--login-server=http://h:8080", "--auth-key=file:/dev/stdin",
                        "--timeout=60s", "--force-reauth"));
        assertEquals("tailscale up --reset --login-server=http://h:8080 --auth-key=file:/dev/stdin --timeout=60s"
                + " --force-reauth", command);
    }
}
