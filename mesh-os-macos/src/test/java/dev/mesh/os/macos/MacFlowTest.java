package dev.mesh.os.macos;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatus;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class MacFlowTest {
    private final FakeMacHost host = new FakeMacHost();
    private final TestContext ctx = new TestContext(host, "macos", "");
    private final MacProvisioner provisioner = new MacProvisioner();

    MacFlowTest() {
        host.validKeys.add(TestContext.RUN_KEY.reveal());
    }

    @Test
    void freshMacWithHomebrewIsProvisionedEndToEnd() {
        ctx.authKey = null;
        assertEquals(new HostStatus(false, false, "Tailscale not installed"), provisioner.inspect(ctx));
        ctx.authKey = TestContext.RUN_KEY;
        provisioner.installTailscale(ctx);
        assertEquals(new ConnectResult.Connected("tailscale up succeeded"), provisioner.connect(ctx));
        assertEquals(FakeMacHost.TAILSCALE_IP, provisioner.verify(ctx).ipv4());
        assertTrue(provisioner.installSyncthing(ctx));

        String up = "sudo -n '/opt/homebrew/bin/tailscale' up '--login-server=http://headscale.test:8080'"
                + " '--auth-key=file:/tmp/mesh.Q7x2Lp/auth.key' --accept-routes --reset '--timeout=60s'";
        assertEquals(List.of(
                MacTailscale.LOCATE, Homebrew.LOCATE, "sudo -n true",
                Homebrew.LOCATE, "'/opt/homebrew/bin/brew' install tailscale", "sudo -n '/opt/homebrew/bin/brew' services start tailscale",
                MacTailscale.LOCATE, "mktemp -d /tmp/mesh.XXXXXX", up, "rm -rf '/tmp/mesh.Q7x2Lp'",
                MacTailscale.LOCATE, "sudo -n '/opt/homebrew/bin/tailscale' status --json",
                Homebrew.LOCATE, "'/opt/homebrew/bin/brew' list --versions syncthing", "'/opt/homebrew/bin/brew' install syncthing",
                "'/opt/homebrew/bin/brew' services list", "'/opt/homebrew/bin/brew' services start syncthing"), host.commands);
        assertEquals(0600, host.modes.get("/tmp/mesh.Q7x2Lp/auth.key"));
        assertTrue(host.files.isEmpty(), "the key file is gone: " + host.files.keySet());
        assertNoKeyLeaked();
    }

    @Test
    void withoutHomebrewTheErrorGivesTheOneCommandThatInstallsIt() {
        host.brewInstalled = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("Homebrew is not installed"), e.getMessage());
        assertTrue(e.hint().contains("/bin/bash -c \"$(curl -fsSL https://raw.githubusercontent.com/Homebrew/install/HEAD/install.sh)\""),
                e.hint());
    }

    @Test
    void anInstalledAppIsUsedWithoutSudoOrHomebrew() {
        host.brewInstalled = false;
        host.sudoWithoutPassword = false; // not needed for the app
        host.appInstalled = true;
        ctx.skipSyncthing = true;
        HostStatus status = provisioner.inspect(ctx);
        assertEquals(new HostStatus(true, false, "Tailscale app 1.80.2 installed, NeedsLogin"), status);
        assertEquals(new ConnectResult.Connected("tailscale up succeeded"), provisioner.connect(ctx));
        assertEquals(FakeMacHost.TAILSCALE_IP, provisioner.verify(ctx).ipv4());
        assertTrue(host.commands.contains("'/Applications/Tailscale.app/Contents/MacOS/Tailscale' up"
                + " '--login-server=http://headscale.test:8080' '--auth-key=file:/tmp/mesh.Q7x2Lp/auth.key'"
                + " --accept-routes --reset '--timeout=60s'"), host.commands.toString());
        assertFalse(host.commands.contains("sudo -n true"));
        assertNoKeyLeaked();
    }

    @Test
    void anAppAlreadyOnThisServerIsJoined() {
        host.appInstalled = true;
        host.backendState = "Running";
        host.ip = FakeMacHost.TAILSCALE_IP;
        host.controlUrl = "http://headscale.test:8080";
        assertEquals(new HostStatus(true, true, "Tailscale app 1.80.2 installed, Running as 100.64.0.9"), provisioner.inspect(ctx));
    }

    @Test
    void homebrewTailscaleNeedsPasswordlessSudo() {
        host.sudoWithoutPassword = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.inspect(ctx));
        assertEquals(FailureReason.SUDO_PASSWORD_REQUIRED, e.reason());
    }

    @Test
    void aRejectedKeyFailsConnectAndStillRemovesTheKeyFile() {
        host.brewTailscale = true;
        host.tailscaledRunning = true;
        host.validKeys.clear();
        StepFailedException e = assertThrows(StepFailedException.class, () -> provisioner.connect(ctx));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("invalid key"), e.getMessage());
        assertEquals("rm -rf '/tmp/mesh.Q7x2Lp'", host.commands.get(host.commands.size() - 1));
        assertTrue(host.files.isEmpty());
        assertNoKeyLeaked();
    }

    @Test
    void syncthingAlreadyRunningChangesNothing() {
        host.syncthingInstalled = true;
        host.syncthingStarted = true;
        assertFalse(provisioner.installSyncthing(ctx));
        assertTrue(host.commands.stream().noneMatch(c -> c.contains("install") || c.contains("start")), host.commands.toString());
    }

    private void assertNoKeyLeaked() {
        Secret key = TestContext.RUN_KEY;
        for (String text : host.commands) {
            assertFalse(key.isIn(text), "key in command: " + text);
        }
        for (String message : ctx.messages) {
            assertFalse(key.isIn(message), "key in message: " + message);
        }
        assertTrue(host.unknown.isEmpty(), "commands the host did not understand: " + host.unknown);
    }
}
