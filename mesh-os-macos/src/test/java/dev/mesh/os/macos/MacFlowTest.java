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

class MacFlowTest {
    private static final String UP_ARGS = " up --reset --login-server=http://headscale.test:8080 --auth-key=file:/dev/stdin"
            + " --accept-routes=true --timeout=60s";

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
                Homebrew.LOCATE, "'/opt/homebrew/bin/brew' install tailscale", "sudo -n '/opt/homebrew/bin/brew' services start tailscale",
                MacTailscale.LOCATE, "sudo -n '/opt/homebrew/bin/tailscale' status --json",
                "sudo -n '/opt/homebrew/bin/tailscale'" + UP_ARGS,
                MacTailscale.LOCATE, "sudo -n '/opt/homebrew/bin/tailscale' status --json",
                Homebrew.LOCATE, "'/opt/homebrew/bin/brew' list --versions syncthing", "'/opt/homebrew/bin/brew' install syncthing",
                "'/opt/homebrew/bin/brew' services list", "'/opt/homebrew/bin/brew' services start syncthing"), mac.commands());
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
        app.backendState = "Running";
        app.ip = SimulatedMacHost.TAILSCALE_IP;
        app.controlUrl = "http://headscale.test:8080";
        assertEquals(Preflight.joined("Tailscale app 1.80.2 installed, Running on http://headscale.test:8080 (joined)"),
                provisioner.inspect(new TestContext(app.connection())));
    }

    @Test
    void homebrewTailscaleNeedsPasswordlessSudo() {
        mac.sudoWithoutPassword = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
    }

    @Test
    void aRejectedKeyFailsConnectAndLeavesNothing() {
        mac.withHomebrewTailscale().tailscaledRunning = true;
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

    private void assertNoKeyLeaked() {
        SecretAssertions.assertNeverInArgv(mac.host, TestContext.RUN_KEY);
        SecretAssertions.assertNeverInAFile(mac.host, TestContext.RUN_KEY);
        SecretAssertions.assertNotIn(ctx.messages, TestContext.RUN_KEY);
        assertTrue(mac.unknown.isEmpty(), "commands the host did not understand: " + mac.unknown);
    }
}
