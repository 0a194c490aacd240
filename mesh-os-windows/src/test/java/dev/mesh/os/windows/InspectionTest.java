package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.StepFailedException;
import java.util.List;
import org.junit.jupiter.api.Test;

class InspectionTest {
    private final Fixture f = new Fixture();

    @Test
    void freshHostIsInspectedInOrderWithoutChangingAnything() {
        f.ctx.authKey = null; // PREFLIGHT runs before the key exists
        Preflight status = f.provisioner.inspect(f.ctx);
        assertEquals(Preflight.notInstalled("Tailscale not installed"), status);
        List<String> scripts = f.host.scripts;
        assertEquals(5, scripts.size(), "admin, VPN, login server, Test-Path, winget: " + scripts);
        assertTrue(scripts.get(0).contains(".IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)"));
        assertTrue(scripts.get(1).contains("Get-Service") && scripts.get(1).contains("'*NordLynx*'"));
        assertTrue(scripts.get(2).contains("Invoke-WebRequest -UseBasicParsing -Uri 'http://headscale.test:8080' -TimeoutSec 10"));
        assertEquals(PowerShell.PREAMBLE + "Test-Path -LiteralPath 'C:\\Program Files\\Tailscale\\tailscale.exe' -PathType Leaf",
                scripts.get(3));
        assertEquals(PowerShell.PREAMBLE + Winget.PRESENT, scripts.get(4));
        assertTrue(f.ctx.warnings().isEmpty(), f.ctx.warnings().toString());
        f.assertCommandsAreSafeForCmd();
        f.assertNoKeyLeaked();
    }

    @Test
    void notAnAdministratorStopsAtOnceWithASpecificHint() {
        f.host.administrator = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.inspect(f.ctx));
        assertEquals(FailureReason.PREFLIGHT_FAILED, e.reason(), "nothing was installed");
        assertTrue(e.getMessage().contains("not an elevated administrator"), e.getMessage());
        assertTrue(e.hint().contains("administrators_authorized_keys"), e.hint());
        assertEquals(1, f.host.commands().size(), "nothing runs after the failed check");
    }

    @Test
    void withoutTailscaleOrWingetPreflightFailsBeforeAnyKeyIsMinted() {
        f.ctx.authKey = null;
        f.host.winget = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.inspect(f.ctx));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("winget is not available"), e.getMessage());
        assertTrue(e.hint().contains("App Installer") && e.hint().contains("MSI"), e.hint());
    }

    @Test
    void wingetIsNotNeededWhenTailscaleIsInstalled() {
        f.host.withTailscale();
        f.host.winget = false;
        assertTrue(f.provisioner.inspect(f.ctx).tailscaleInstalled());
        assertTrue(f.host.scripts.stream().noneMatch(s -> s.contains("winget")), f.host.scripts.toString());
    }

    @Test
    void conflictingVpnClientsAreAWarningNotAFailure() {
        f.host.conflictingVpn = List.of("adapter NordLynx", "service NordVPN Service");
        Preflight status = f.provisioner.inspect(f.ctx);
        assertFalse(status.tailscaleInstalled());
        assertEquals(1, f.ctx.warnings().size());
        String warning = f.ctx.warnings().get(0);
        assertTrue(warning.contains("adapter NordLynx, service NordVPN Service"), warning);
    }

    @Test
    void anUnreachableLoginServerFailsPreflight() {
        f.host.loginServerAnswers = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.inspect(f.ctx));
        assertEquals(FailureReason.TAILSCALE_CONNECT_FAILED, e.reason());
        assertTrue(e.getMessage().contains("Unable to connect to the remote server"), e.getMessage());
    }

    @Test
    void runningOnThisLoginServerIsJoined() {
        f.host.withTailscale();
        f.host.node.joined("http://headscale.test:8080/");
        Preflight status = f.provisioner.inspect(f.ctx);
        assertEquals(Preflight.joined("Tailscale 1.80.2 installed, Running on http://headscale.test:8080 (joined)"), status);
    }

    @Test
    void runningOnAnotherLoginServerIsNotJoined() {
        f.host.withTailscale();
        f.host.node.joined("https://controlplane.tailscale.com");
        Preflight status = f.provisioner.inspect(f.ctx);
        assertTrue(status.tailscaleInstalled());
        assertFalse(status.joined());
        assertTrue(status.summary().contains("controlplane.tailscale.com"), status.summary());
    }

    @Test
    void installedButLoggedOutIsNotJoined() {
        f.host.withTailscale();
        f.host.node.backendState = "NeedsLogin";
        assertEquals(Preflight.installed("Tailscale 1.80.2 installed, NeedsLogin"), f.provisioner.inspect(f.ctx));
    }

    @Test
    void aStoppedServiceIsStartedBeforeAnyKeyAndThatIsAChange() {
        f.host.withTailscale();
        f.host.node.daemonRunning = false;
        Preflight status = f.provisioner.inspect(f.ctx);
        assertEquals(java.util.List.of("the Tailscale service started"), status.changes());
        assertTrue(f.ctx.listener.has("info", "tailscaled is not running (failed to connect to local tailscaled process;"
                + " is the Tailscale service running?); starting it"), f.ctx.messages.toString());
    }

    @Test
    void aServiceThatWillNotStayUpIsNamedWithItsEvents() {
        f.host.withTailscale();
        f.host.node.daemonRunning = false;
        f.host.serviceCrashes = true;
        dev.mesh.api.StepFailedException e = org.junit.jupiter.api.Assertions.assertThrows(dev.mesh.api.StepFailedException.class,
                () -> f.provisioner.inspect(f.ctx));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().contains("Service Control Manager events"), e.getMessage());
    }

    @Test
    void anOldClientIsUpgradedWithWinget() {
        f.host.withTailscale();
        f.host.node.version = "1.56.1";
        f.ctx.headscaleVersion = java.util.Optional.of("0.27.1");
        Preflight status = f.provisioner.inspect(f.ctx);
        assertEquals("Tailscale 1.80.2 installed, NeedsLogin", status.summary());
        assertTrue(status.changes().get(0).startsWith("Tailscale upgraded from 1.56.1 to 1.80.2 (upgraded with winget"),
                status.changes().toString());
        assertTrue(f.host.scripts.stream().anyMatch(s -> s.contains("& winget upgrade --id 'Tailscale.Tailscale' --exact")));
    }

    @Test
    void anUpgradeThatDoesNotHelpStopsWithBothVersions() {
        f.host.withTailscale();
        f.host.node.version = "1.56.1";
        f.host.upgradeVersion = "1.58.0";
        f.ctx.headscaleVersion = java.util.Optional.of("0.27.1");
        dev.mesh.api.StepFailedException e = org.junit.jupiter.api.Assertions.assertThrows(dev.mesh.api.StepFailedException.class,
                () -> f.provisioner.inspect(f.ctx));
        assertEquals(FailureReason.TAILSCALE_TOO_OLD, e.reason());
        assertTrue(e.getMessage().contains("Tailscale 1.56.1 on win11.lan is older than 1.64.0, the oldest client Headscale"
                + " 0.27.1 accepts") && e.getMessage().endsWith("and the client is now 1.58.0"), e.getMessage());
    }

    @Test
    void aJoinedNodeGetsItsDifferingPreferencesBySet() {
        f.host.withTailscale().node.joined("http://headscale.test:8080");
        f.ctx.preferences = dev.mesh.api.tailscale.TailscalePreferences.builder().acceptRoutes(false).build();
        Preflight status = f.provisioner.inspect(f.ctx);
        assertTrue(status.joined());
        assertEquals(java.util.List.of("tailscale set --accept-routes=false"), status.changes());
        assertEquals("false", f.host.node.pref("accept-routes"));
    }
}
