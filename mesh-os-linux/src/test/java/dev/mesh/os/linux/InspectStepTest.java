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
import dev.mesh.api.tailscale.TailscalePreferences;
import dev.mesh.testkit.ScriptedHost;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** PREFLIGHT on Linux: privileges, the CLI root runs, tailscaled, the client's version, the joined decision. */
class InspectStepTest {
    private static final String SERVER = "http://headscale.test:8080";

    private static TestContext ctx(SimulatedDebianHost<ScriptedHost> debian) {
        TestContext ctx = new TestContext(debian);
        ctx.authKey = null; // inspection runs before the key exists
        return ctx;
    }

    private static SimulatedDebianHost<ScriptedHost> installed() {
        return SimulatedDebianHost.inProcess("steve").withTailscale();
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
        assertEquals(FailureReason.PREFLIGHT_FAILED, e.reason(), "not a password problem");
        assertTrue(e.getMessage().startsWith("sudo is not installed"), e.getMessage());
        assertEquals("Install sudo on the host, or provision it as root.", e.hint());
    }

    @Test
    void rootNeedsNoSudoAndRootCommandsHaveNoSudo() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo(SERVER);
        debian.rootLogin = true;
        TestContext ctx = ctx(debian);
        assertTrue(InspectStep.run(ctx).joined());
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.startsWith("sudo")), String.valueOf(debian.host.commands()));
        assertTrue(debian.host.commands().contains("/usr/bin/tailscale debug prefs"));
        assertTrue(ctx.listener.has("info", "root"));
    }

    @Test
    void notInstalledWithATunDevice() {
        TestContext ctx = ctx(SimulatedDebianHost.inProcess("steve"));
        assertEquals(Preflight.notInstalled("Tailscale not installed"), InspectStep.run(ctx));
    }

    @Test
    void withoutATunDeviceTheRunStopsBeforeAnyKeyUnlessUserspaceNetworkingIsSet() {
        SimulatedDebianHost<ScriptedHost> debian = SimulatedDebianHost.inProcess("steve");
        debian.tun = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(ctx(debian)));
        assertEquals(FailureReason.TUN_MISSING, e.reason());
        assertTrue(e.hint().contains("No key was minted"), e.hint());
        assertFalse(InspectStep.run(ctx(debian).settings("userspace-networking = true")).tailscaleInstalled());
    }

    @Test
    void anInstallPinnedToAVersionHeadscaleRefusesStopsBeforeAnyKey() {
        TestContext ctx = ctx(SimulatedDebianHost.inProcess("steve")).settings("install.version = \"1.70.0\"");
        ctx.headscaleVersion = Optional.of("0.28.0");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(ctx));
        assertEquals(FailureReason.TAILSCALE_TOO_OLD, e.reason());
        assertEquals("mesh.plugins.linux.install.version pins Tailscale 1.70.0, older than 1.74.0, the oldest client"
                + " Headscale 0.28.0 accepts", e.getMessage());
    }

    @Test
    void installedButLoggedOutIsNotJoined() {
        assertEquals(Preflight.installed("Tailscale 1.80.2 installed, NeedsLogin"), InspectStep.run(ctx(installed())));
    }

    @Test
    void stoppedIsNotJoined() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.backendState = "Stopped";
        assertFalse(InspectStep.run(ctx(debian)).joined());
    }

    @Test
    void aStoppedDaemonIsStartedAsInstallingStartsItAndThatIsAChange() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.daemonRunning = false;
        TestContext ctx = ctx(debian);
        Preflight found = InspectStep.run(ctx);
        assertEquals(Preflight.installed("Tailscale 1.80.2 installed, NeedsLogin")
                .withChanges(List.of("tailscaled enabled and started (systemd)")), found);
        assertTrue(found.changed());
        assertTrue(ctx.listener.has("info", "tailscaled is not running (failed to connect to local tailscaled; it doesn't"
                + " appear to be running (sudo systemctl start tailscaled ?)); starting it"), ctx.messages.toString());
        assertTrue(debian.host.commands().contains("sudo -n systemctl enable --now tailscaled"));
    }

    @Test
    void aDaemonThatCannotStartIsNamedWithItsCause() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.daemonRunning = false;
        debian.tailscaledCrashes = true;
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(ctx(debian)));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().contains("tailscaled is not running 3 s after it was started")
                && e.getMessage().contains("tailscaled.state: is a directory"), e.getMessage());
    }

    @Test
    void aDryRunStartsNothing() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.daemonRunning = false;
        TestContext ctx = ctx(debian);
        ctx.dryRun = true;
        Preflight found = InspectStep.run(ctx);
        // nothing changed; what a real run would change is the plan's first line
        assertEquals(java.util.List.of("start tailscaled (it is not running)"), found.changes());
        assertTrue(found.summary().contains("tailscaled not answering"), found.summary());
        assertTrue(ctx.listener.has("info", "a real run would start it"));
        assertTrue(debian.host.commands().stream().noneMatch(c -> c.contains("systemctl enable")));
    }

    @Test
    void runningOnThisServerIsJoined() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo("http://HEADSCALE.test:8080/");
        Preflight found = InspectStep.run(ctx(debian));
        assertTrue(found.joined());
        assertFalse(found.changed());
    }

    @Test
    void runningOnAnotherServerIsNotJoined() {
        Preflight status = InspectStep.run(ctx(installed().joinedTo("https://controlplane.tailscale.com")));
        assertFalse(status.joined());
        assertTrue(status.summary().contains("--force-reauth"), status.summary());
    }

    @Test
    void unreadablePrefsTreatRunningAsJoinedAndSaySo() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo(SERVER);
        debian.host.onExact("sudo -n /usr/bin/tailscale debug prefs", result(1, "", "unknown subcommand\n"));
        TestContext ctx = ctx(debian);
        assertTrue(InspectStep.run(ctx).joined());
        assertTrue(ctx.listener.has("info", "treating the Running node as joined"), String.valueOf(ctx.listener.lines));
    }

    @Test
    void prefsWithoutControlUrlCountAsUnreadable() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo(SERVER);
        debian.host.onExact("sudo -n /usr/bin/tailscale debug prefs", ok("{\"RouteAll\": true}"));
        TestContext ctx = ctx(debian);
        assertTrue(InspectStep.run(ctx).joined());
        assertTrue(ctx.listener.has("info", "Could not read"));
    }

    @Test
    void aJoinedNodeGetsTheWantedPreferencesItLacksBySetAndASecondRunChangesNothing() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo(SERVER);
        debian.node.setPref("ssh", "true");
        TestContext ctx = ctx(debian);
        ctx.preferences = TailscalePreferences.builder().acceptDns(false).hostname("web-1").ssh(true).build();
        Preflight first = InspectStep.run(ctx);
        assertEquals(List.of("tailscale set --accept-dns=false --hostname=web-1"), first.changes());
        assertTrue(ctx.listener.has("ok", "Changed the node's preferences (tailscale set --accept-dns=false"
                + " --hostname=web-1): accept-dns true → false, hostname \"\" → web-1"), ctx.messages.toString());
        assertEquals("web-1", debian.node.pref("hostname"));

        TestContext again = ctx(debian);
        again.preferences = ctx.preferences;
        Preflight second = InspectStep.run(again);
        assertFalse(second.changed(), second.toString());
        assertTrue(again.listener.has("ok", "Tailscale preferences are as wanted"), again.messages.toString());
    }

    @Test
    void aJoinedNodeWithResetLosesWhatThisRunDoesNotName() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo(SERVER);
        debian.node.setPref("ssh", "true").setPref("shields-up", "true");
        TestContext ctx = ctx(debian);
        ctx.preferences = TailscalePreferences.builder().reset(true).build();
        assertEquals(List.of("tailscale set --ssh=false --shields-up=false"), InspectStep.run(ctx).changes());
        assertTrue(ctx.listener.has("info", "reset: setting preferences the node has and this run does not name back to"
                + " Tailscale's defaults: --ssh=true, --shields-up=true"), ctx.messages.toString());
    }

    @Test
    void tagsCannotBeSetOnAJoinedNodeAndThatIsSaid() {
        SimulatedDebianHost<ScriptedHost> debian = installed().joinedTo(SERVER);
        TestContext ctx = ctx(debian);
        ctx.preferences = TailscalePreferences.builder().advertiseTags(List.of("tag:web")).build();
        assertFalse(InspectStep.run(ctx).changed());
        assertTrue(ctx.listener.has("warn", "tailscale set cannot change it"), ctx.messages.toString());
    }

    @Test
    void anOldClientIsUpgradedWithTheInstallMethodBeforeAnyKey() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.version = "1.58.2";
        TestContext ctx = ctx(debian);
        ctx.headscaleVersion = Optional.of("0.28.0");
        Preflight found = InspectStep.run(ctx);
        assertEquals("Tailscale 1.80.2 installed, NeedsLogin", found.summary());
        assertEquals(List.of("Tailscale upgraded from 1.58.2 to 1.80.2 (installed again with install.method = script"
                + " (https://tailscale.com/install.sh))"), found.changes());
        assertTrue(ctx.listener.has("info", "Tailscale 1.58.2 on debian12.test is older than 1.74.0, the oldest client"
                + " Headscale 0.28.0 accepts; upgrading it"), ctx.messages.toString());
    }

    @Test
    void anUpgradeThatLeavesItTooOldStopsWithBothVersions() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.version = "1.58.2";
        debian.installedVersion = "1.62.0";
        TestContext ctx = ctx(debian);
        ctx.headscaleVersion = Optional.of("0.29.1");
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(ctx));
        assertEquals(FailureReason.TAILSCALE_TOO_OLD, e.reason());
        assertTrue(e.getMessage().startsWith("Tailscale 1.58.2 on debian12.test is older than 1.80.0, the oldest client"
                + " Headscale 0.29.1 accepts; installed again"), e.getMessage());
        assertTrue(e.getMessage().endsWith("and the client is now 1.62.0"), e.getMessage());
    }

    @Test
    void anUnknownHeadscaleVersionIsSaidAndNotChecked() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.node.version = "1.20.0";
        TestContext ctx = ctx(debian);
        ctx.headscaleVersion = Optional.empty();
        assertFalse(InspectStep.run(ctx).changed());
        assertTrue(ctx.listener.has("info", "Headscale's version is unknown"), ctx.messages.toString());
    }

    @Test
    void aCliOnlyOnTheLoginUsersPathIsRunByItsAbsolutePathAsRootToo() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.cliPath = "/usr/games/tailscale";
        debian.rootCliPath = "";
        TestContext ctx = ctx(debian);
        InspectStep.run(ctx);
        assertTrue(ctx.listener.has("info", "The login user's PATH finds /usr/games/tailscale, sudo's secure_path no"
                + " tailscale: mesh runs /usr/games/tailscale by its absolute path, as root too"), ctx.messages.toString());
        assertTrue(debian.host.commands().contains("/usr/games/tailscale status --json"));
    }

    @Test
    void twoClisOnAPreparedHostStopTheRunNamingBoth() {
        SimulatedDebianHost<ScriptedHost> debian = installed().prepared("0123456789abcdef");
        debian.pins = new RootHelper.Pins(SERVER, List.of(), false, false, "");
        debian.cliPath = "/usr/bin/tailscale";
        debian.rootCliPath = "/usr/local/sbin/tailscale";
        StepFailedException e = assertThrows(StepFailedException.class, () -> InspectStep.run(ctx(debian)));
        assertEquals(FailureReason.PREFLIGHT_FAILED, e.reason());
        assertEquals("the login user's PATH finds /usr/bin/tailscale, but mesh's root helper"
                + " (/usr/local/libexec/mesh/mesh-root) would run /usr/local/sbin/tailscale (its PATH:"
                + " /usr/sbin:/usr/bin:/sbin:/bin:/usr/local/sbin:/usr/local/bin)", e.getMessage());
    }

    @Test
    void aCliOnlyRootFindsIsUsedByItsPath() {
        SimulatedDebianHost<ScriptedHost> debian = installed();
        debian.cliPath = "";
        debian.rootCliPath = "/usr/sbin/tailscale";
        InspectStep.run(ctx(debian));
        assertTrue(debian.host.commands().contains("/usr/sbin/tailscale status --json"), debian.host.commands().toString());
    }
}
