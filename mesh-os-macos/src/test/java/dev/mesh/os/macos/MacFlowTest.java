package dev.mesh.os.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.StepFailedException;
import dev.mesh.testkit.ScriptedHost;
import dev.mesh.testkit.SecretAssertions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacFlowTest {
    private static final String UP_ARGS = " up --login-server=http://headscale.test:8080 --auth-key=file:/dev/stdin"
            + " --accept-routes=false --timeout=60s";
    private static final String BREW = "'/opt/homebrew/bin/brew'";
    private static final String CLI = "sudo -n '/opt/homebrew/bin/tailscale'";

    private final SimulatedMacHost<ScriptedHost> mac = SimulatedMacHost.inProcess().withHomebrew();
    private final TestContext ctx = new TestContext(mac.connection());
    private final MacProvisioner provisioner = new MacProvisioner();

    MacFlowTest() {
        mac.validKeys.add(TestContext.RUN_KEY.reveal());
    }

    @Test
    void freshMacWithHomebrewIsProvisionedEndToEnd() {
        ctx.authKey = null;
        assertEquals(Preflight.notInstalled("Tailscale not installed"), provisioner.inspect(ctx));
        ctx.authKey = TestContext.RUN_KEY;
        provisioner.installTailscale(ctx);
        assertEquals(ConnectResult.connected("tailscale up --login-server=http://headscale.test:8080 succeeded"),
                provisioner.connect(ctx));
        assertEquals(SimulatedMacHost.TAILSCALE_IP, provisioner.verify(ctx).preferredAddress());
        assertTrue(provisioner.installSyncthing(ctx));

        assertEquals(List.of(
                MacTailscale.LOCATE, Homebrew.LOCATE, "sudo -n true",
                Homebrew.LOCATE, BREW + " install tailscale", MacTailscale.LOCATE, CLI + " version",
                "sudo -n " + BREW + " services start tailscale", "sleep 3; pgrep -x -u 0 tailscaled",
                MacTailscale.LOCATE, CLI + " status --json", CLI + " debug prefs", CLI + UP_ARGS,
                MacTailscale.LOCATE, CLI + " status --json",
                Homebrew.LOCATE, BREW + " services list", MacSyncthingInstaller.PROBE, BREW + " list --versions syncthing",
                BREW + " install syncthing", BREW + " services start syncthing",
                "sleep 3; pgrep -x -u \"$(id -u)\" syncthing"), mac.commands());
        assertEquals(List.of("/dev/stdin"), mac.keySources);
        assertEquals(List.of(), mac.host.filesUnder("/tmp"), "no key file");
        SecretAssertions.assertOnlyOnStdin(mac.host, TestContext.RUN_KEY);
        assertNoKeyLeaked();
    }

    @Test
    void withoutHomebrewTheErrorGivesTheOneCommandThatInstallsIt() {
        SimulatedMacHost<ScriptedHost> bare = SimulatedMacHost.inProcess();
        TestContext bareCtx = new TestContext(bare.connection());
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(bareCtx));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("Homebrew is not installed"), e.getMessage());
        assertTrue(e.hint().contains("/bin/bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)\""),
                e.hint());
    }

    @Test
    void anInstalledAppIsUsedWithoutSudoOrHomebrew() {
        SimulatedMacHost<ScriptedHost> app = SimulatedMacHost.inProcess().withTailscaleApp();
        app.sudoWithoutPassword = false; // not needed for the app
        app.validKeys.add(TestContext.RUN_KEY.reveal());
        TestContext appCtx = new TestContext(app.connection());
        appCtx.skipSyncthing = true;
        Preflight status = provisioner.inspect(appCtx);
        assertEquals(Preflight.installed("Tailscale app 1.80.2 installed, NeedsLogin"), status);
        assertFalse(provisioner.connect(appCtx).manualStepNeeded());
        assertEquals(SimulatedMacHost.TAILSCALE_IP, provisioner.verify(appCtx).preferredAddress());
        assertTrue(app.commands().contains("'/Applications/Tailscale.app/Contents/MacOS/Tailscale'" + UP_ARGS),
                app.commands().toString());
        assertFalse(app.commands().contains("sudo -n true"));
        SecretAssertions.assertOnlyOnStdin(app.host, TestContext.RUN_KEY);
    }

    @Test
    void anAppAlreadyOnThisServerIsJoined() {
        SimulatedMacHost<ScriptedHost> app = SimulatedMacHost.inProcess().withHomebrew().withTailscaleApp();
        app.node.joined("http://headscale.test:8080");
        assertEquals(Preflight.joined("Tailscale app 1.80.2 installed, Running on http://headscale.test:8080 (joined)"),
                provisioner.inspect(new TestContext(app.connection())));
    }

    @Test
    void homebrewTailscaleNeedsPasswordlessSudo() {
        mac.sudoWithoutPassword = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
        assertTrue(e.getMessage().contains("sudo: a password is required"), e.getMessage());
        assertFalse(e.hint().contains("mesh remote prepare USER"), "macOS has no prepare: " + e.hint());
        assertTrue(e.hint().contains("NOPASSWD") && e.hint().contains("Tailscale app"), e.hint());
    }

    @Test
    void sudoThatRefusesTheAccountIsNotCalledAPasswordProblem() {
        mac.sudoWithoutPassword = false;
        mac.sudoRefusal = "Sorry, user steve is not allowed to execute '/usr/bin/true' as root on studio-mac.\n";
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.PREFLIGHT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("is not allowed to execute"), e.getMessage());
        assertTrue(e.hint().contains("NOPASSWD"), e.hint());
    }

    @Test
    void aRejectedKeyFailsConnectAndLeavesNothing() {
        mac.withHomebrewTailscale().node.daemonRunning = true;
        mac.validKeys.clear();
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.connect(ctx));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("invalid key"), e.getMessage());
        assertEquals(List.of(), mac.host.filesUnder("/tmp"));
        assertNoKeyLeaked();
    }

    @Test
    void syncthingAlreadyRunningChangesNothing() {
        mac.syncthingInstalled = true;
        mac.syncthingStarted = true;
        assertFalse(provisioner.installSyncthing(ctx));
        assertTrue(mac.commands().stream().noneMatch(c -> c.contains("install") || c.contains("start")), mac.commands().toString());
    }

    @Test
    void aStoppedHomebrewTailscaledIsStartedBeforeAnyKey() {
        mac.withHomebrewTailscale();
        ctx.authKey = null;
        Preflight found = provisioner.inspect(ctx);
        assertEquals(List.of("tailscaled started (brew services)"), found.changes());
        assertTrue(mac.commands().contains("sudo -n " + BREW + " services start tailscale"));
    }

    @Test
    void aTailscaledThatStopsAtOnceFailsWithItsLog() {
        mac.withHomebrewTailscale();
        mac.tailscaledCrashes = true;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().startsWith("tailscaled is not running 3 s after brew services started it;"
                + " /opt/homebrew/var/log/tailscaled.log:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("utun: operation not permitted"), e.getMessage());
    }

    @Test
    void aStoppedAppCannotBeStartedAndThatIsSaid() {
        SimulatedMacHost<ScriptedHost> app = SimulatedMacHost.inProcess().withHomebrew().withTailscaleApp();
        app.node.daemonRunning = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(new TestContext(app.connection())));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.hint().contains("Open the Tailscale app"), e.hint());
    }

    @Test
    void anOldHomebrewClientIsUpgradedAndAnOldAppIsNamed() {
        mac.withHomebrewTailscale().node.daemonRunning = true;
        mac.node.version = "1.70.0";
        ctx.headscaleVersion = java.util.Optional.of("0.28.0");
        Preflight found = provisioner.inspect(ctx);
        assertEquals(List.of("Tailscale upgraded from 1.70.0 to 1.80.2 (upgraded with Homebrew)"), found.changes());

        SimulatedMacHost<ScriptedHost> app = SimulatedMacHost.inProcess().withHomebrew().withTailscaleApp();
        app.node.version = "1.70.0";
        TestContext appCtx = new TestContext(app.connection());
        appCtx.headscaleVersion = java.util.Optional.of("0.28.0");
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(appCtx));
        assertEquals(FailureReason.TAILSCALE_TOO_OLD, e.reason());
        assertTrue(e.getMessage().contains("the Tailscale app 1.70.0 on mac-mini.lan is older than 1.74.0"), e.getMessage());
    }

    @Test
    void routesAreCheckedAgainstTheConnectionBeforeTheyAreAccepted() {
        mac.withHomebrewTailscale().node.daemonRunning = true;
        mac.node.offeredRoutes = List.of("192.168.1.0/24");
        ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptRoutes(true).build();
        provisioner.connect(ctx);
        assertTrue(ctx.warnings().stream().anyMatch(w -> w.contains("192.168.1.0/24 covers the connection mesh uses"
                + " (192.168.1.5 → 192.168.1.30 (LAN 192.168.1.30/24))")), ctx.warnings().toString());
        assertEquals("true", mac.node.pref("accept-routes"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "com.github.xor-gate.syncthing-macosx"})
    void aSyncthingTheUserRunsOtherwiseIsLeftAlone(String form) {
        mac.syncthingInstalled = true;
        mac.ownSyncthing = form;
        assertFalse(provisioner.installSyncthing(ctx));
        assertTrue(mac.commands().stream().noneMatch(c -> c.contains("services start")), mac.commands().toString());
        assertTrue(ctx.listener.has("ok", "mesh leaves it alone"), ctx.messages.toString());
    }

    @Test
    void aSyncthingServiceThatStopsAtOnceFailsWithItsLog() {
        mac.syncthingCrashes = true;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.installSyncthing(ctx));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("/opt/homebrew/var/log/syncthing.log:\n[ABCDE] WARNING: Failed to acquire lock"),
                e.getMessage());
    }

    private void assertNoKeyLeaked() {
        SecretAssertions.assertNeverInArgv(mac.host, TestContext.RUN_KEY);
        SecretAssertions.assertNeverInAFile(mac.host, TestContext.RUN_KEY);
        SecretAssertions.assertNotIn(ctx.messages, TestContext.RUN_KEY);
        assertTrue(mac.unknown.isEmpty(), "commands the host did not understand: " + mac.unknown);
    }
}
