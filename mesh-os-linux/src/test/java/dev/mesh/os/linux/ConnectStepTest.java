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
    private static final String UP = "sudo -n /usr/bin/tailscale up --login-server=http://headscale.test:8080"
            + " --auth-key=file:/dev/stdin --timeout=60s";

    private static SimulatedDebianHost<ScriptedHost> installedHost() {
        return SimulatedDebianHost.inProcess("steve").withTailscale();
    }

    @Test
    void theKeyGoesOnUpsStandardInputAndNowhereElse() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        TestContext ctx = new TestContext(debian);
        ConnectResult result = ConnectStep.run(ctx);
        assertFalse(result.manualStepNeeded());
        assertEquals(List.of("id -u", "command -v tailscale", "sudo -n true", "sudo -n sh -c 'command -v tailscale'",
                "/usr/bin/tailscale status --json", "sudo -n /usr/bin/tailscale debug prefs", UP), debian.host.commands());
        assertEquals(ctx.authKey().reveal() + "\n", debian.host.calls().get(6).input());
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
        assertEquals(Duration.ofSeconds(45).plus(Tailscale.UP_MARGIN), debian.host.timeoutOf("sudo -n /usr/bin/tailscale up"));
        assertTrue(debian.host.commands().stream().anyMatch(c -> c.endsWith(" --timeout=45s")));
    }

    @Test
    void failedUpIsAConnectFailure() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.host.onPrefix("sudo -n /usr/bin/tailscale up ", (c, h) -> result(1, "",
                "backend error: invalid key: unable to validate API key\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(new TestContext(debian)));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("invalid key"), e.getMessage());
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED.hint(), e.hint());
    }

    @Test
    void aBrokenConnectionDuringUpLeavesNothingOnTheHost() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.host.onPrefix("sudo -n /usr/bin/tailscale up ", (c, h) -> {
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
        debian.host.onPrefix("sudo -n /usr/bin/tailscale up ", (c, h) -> result(1, "", "invalid key \"" + ctx.authKey().reveal() + "\"\n"));
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(ctx));
        assertFalse(ctx.authKey().isIn(e.getMessage()), e.getMessage());
        assertTrue(e.getMessage().contains("invalid key \"****\""), e.getMessage());
    }

    @Test
    void aHelperThatRefusesAPreferenceTheNodeHasSaysToPrepareAgain() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost().prepared("0123456789abcdef");
        debian.node.setPref("ssh", "true").setPref("login-server", "http://headscale.test:8080");
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(new TestContext(debian)));
        assertEquals(FailureReason.HELPER_STALE, e.reason());
        assertTrue(e.getMessage().contains("mesh-root: refused: tailscale-up does not take --ssh=true"), e.getMessage());
        assertTrue(e.hint().contains("mesh remote prepare"), e.hint());
    }

    @Test
    void preferencesTheNodeHasAreKeptByNamingThemAndSaidSo() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.node.setPref("login-server", "http://headscale.test:8080").setPref("ssh", "true")
                .setPref("advertise-routes", "10.1.0.0/16").setPref("operator", "steve");
        TestContext ctx = new TestContext(debian);
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptDns(false).build();
        ConnectStep.run(ctx);
        assertEquals(List.of("--login-server=http://headscale.test:8080", "--auth-key=file:/dev/stdin", "--accept-dns=false",
                "--advertise-routes=10.1.0.0/16", "--ssh=true", "--operator=steve", "--timeout=60s"), debian.node.changes.get(0));
        assertTrue(ctx.listener.has("info", "Keeping preferences the node has and this run does not name:"
                + " --advertise-routes=10.1.0.0/16, --ssh=true, --operator=steve"), ctx.messages.toString());
        assertEquals("true", debian.node.pref("ssh"));
        assertEquals("false", debian.node.pref("accept-dns"));
    }

    @Test
    void withResetTheyAreDroppedAndNamedFirst() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.node.setPref("login-server", "http://headscale.test:8080").setPref("ssh", "true");
        TestContext ctx = new TestContext(debian);
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().reset(true).build();
        ConnectStep.run(ctx);
        assertTrue(debian.node.changes.get(0).contains("--reset"), debian.node.changes.toString());
        assertEquals("false", debian.node.pref("ssh"));
        assertTrue(ctx.listener.has("warn", "reset: tailscale up --reset drops preferences the node has: --ssh=true"),
                ctx.messages.toString());
    }

    @Test
    void preferencesThatCannotBeReadLetTheUpCheckerNameThem() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.node.setPref("login-server", "http://headscale.test:8080").setPref("shields-up", "true");
        debian.host.onExact("sudo -n /usr/bin/tailscale debug prefs", result(1, "", "unknown subcommand: prefs\n"));
        TestContext ctx = new TestContext(debian);
        StepFailedException e = assertThrows(StepFailedException.class, () -> ConnectStep.run(ctx));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("requires mentioning all") && e.getMessage().contains("--shields-up"), e.getMessage());
        assertTrue(e.hint().contains("reset = true"), e.hint());
        assertEquals("true", debian.node.pref("shields-up"), "nothing dropped");
    }

    @Test
    void routesAreAcceptedAfterUpAndAWarningComesFirstWhenOneCoversTheConnection() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.node.offeredRoutes = List.of("192.168.10.0/24", "10.20.0.0/16");
        TestContext ctx = new TestContext(debian);
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptRoutes(true).build();
        ConnectStep.run(ctx);
        assertEquals(List.of(List.of("--login-server=http://headscale.test:8080", "--auth-key=file:/dev/stdin",
                "--accept-routes=false", "--timeout=60s"), List.of("--accept-routes=true")), debian.node.changes);
        List<String> commands = debian.host.commands();
        assertEquals("sudo -n /usr/bin/tailscale set --accept-routes=true", commands.get(commands.size() - 1));
        int warned = ctx.messages.indexOf(ctx.warnings().get(0));
        assertTrue(ctx.warnings().get(0).contains("192.168.10.0/24 covers the connection mesh uses (192.168.10.5 → 192.168.10.20"
                + " (LAN 192.168.10.0/24))"), ctx.warnings().toString());
        assertTrue(warned < ctx.messages.indexOf("ok: Accepting subnet routes (tailscale set --accept-routes=true)"));
        assertEquals("true", debian.node.pref("accept-routes"));
    }

    @Test
    void routesThatDoNotCoverTheConnectionAreAcceptedWithoutAWarning() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.node.offeredRoutes = List.of("10.20.0.0/16");
        TestContext ctx = new TestContext(debian);
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptRoutes(true).build();
        ConnectStep.run(ctx);
        assertEquals(List.of(), ctx.warnings());
        assertTrue(ctx.listener.has("info", "Subnet routes the tailnet offers: 10.20.0.0/16; none covers"), ctx.messages.toString());
    }

    @Test
    void runningOnAnotherServerAddsForceReauth() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        debian.node.joined("https://controlplane.tailscale.com");
        TestContext ctx = new TestContext(debian);
        ConnectStep.run(ctx);
        String up = debian.host.commands().stream().filter(c -> c.contains("tailscale up")).findFirst().orElseThrow();
        assertTrue(up.endsWith(" --force-reauth"), up);
        assertTrue(ctx.listener.has("info", "--force-reauth"));
    }

    @Test
    void loggedOutNodeNeedsNoForceReauth() {
        SimulatedDebianHost<ScriptedHost> debian = installedHost();
        ConnectStep.run(new TestContext(debian));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("--force-reauth")));
    }

    @Test
    void upQuotesEveryValueThatNeedsIt() throws Exception {
        String server = "https://hs.example.test:8443/it's%20here?x=$(id)&y=;reboot";
        List<String> flags = TailscaleArguments.up(java.net.URI.create(server), Duration.ofMillis(1500),
                List.of("--hostname=web-1", "--operator=o'brien $(id)"), true, false, List.of());
        String command = LinuxTailscale.at(InstallTailscaleStepTest.shell("steve"), "/opt/tail scale/tailscale").command(flags);
        assertEquals("sudo -n '/opt/tail scale/tailscale' up --reset"
                + " '--login-server=https://hs.example.test:8443/it'\\''s%20here?x=$(id)&y=;reboot'"
                + " --auth-key=file:/dev/stdin --hostname=web-1 '--operator=o'\\''brien $(id)' --timeout=1s", command);
        // sh hands tailscale exactly these arguments
        String args = InstallTailscaleStepTest.sh("printf '[%s]\\n' "
                + command.substring("sudo -n '/opt/tail scale/tailscale' up ".length()));
        assertEquals("[--reset]\n[--login-server=" + server + "]\n[--auth-key=file:/dev/stdin]\n[--hostname=web-1]\n"
                + "[--operator=o'brien $(id)]\n[--timeout=1s]\n", args);
    }

    @Test
    void rootRunsUpWithoutSudo() {
        LinuxTailscale cli = LinuxTailscale.at(InstallTailscaleStepTest.shell("root"), "/usr/bin/tailscale");
        assertEquals("/usr/bin/tailscale up --reset --login-server=http://h:8080 --auth-key=file:/dev/stdin --timeout=60s"
                + " --force-reauth", cli.command(List.of("up", "--reset", "--login-server=http://h:8080",
                "--auth-key=file:/dev/stdin", "--timeout=60s", "--force-reauth")));
        assertEquals("/usr/bin/tailscale set --ssh=false", cli.command(List.of("set", "--ssh=false")));
        assertEquals("/usr/bin/tailscale debug prefs", cli.command(List.of("debug", "prefs")));
        assertEquals("/usr/bin/tailscale status --json", cli.command(List.of("status", "--json")));
    }
}
