package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class InstallTest {
    private final Fixture f = new Fixture();

    @Test
    void installsWithWingetSilentlyAndStartsTheService() {
        f.provisioner.installTailscale(f.ctx);
        assertTrue(f.host.tailscaleInstalled());
        assertEquals(PowerShell.PREAMBLE + "& winget install --id 'Tailscale.Tailscale' --exact --source winget --silent"
                + " --accept-source-agreements --accept-package-agreements\nexit $LASTEXITCODE", f.host.scripts.get(0));
        assertEquals(Duration.ofSeconds(180), f.host.timeouts().get(0), "winget runs under the install timeout");
        assertTrue(f.host.scripts.stream().anyMatch(s -> s.contains("Start-Service -Name Tailscale")));
        assertTrue(f.host.scripts.stream().anyMatch(s -> s.contains("Start-Sleep -Milliseconds 3000\n(Get-Service -Name Tailscale")),
                "still running 3 s later");
        f.assertNoKeyLeaked();
    }

    @Test
    void aServiceThatStopsRightAfterStartingFailsWithItsEvents() {
        f.host.serviceCrashes = true;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.installTailscale(f.ctx));
        assertEquals(FailureReason.TAILSCALED_NOT_RUNNING, e.reason());
        assertTrue(e.getMessage().startsWith("the Tailscale service is Stopped 3.0 s after it was started\n"
                + "Service Control Manager events:\n"), e.getMessage());
        assertTrue(e.getMessage().contains("The Tailscale service terminated"), e.getMessage());
    }

    @Test
    void aClientOlderThanHeadscaleAcceptsIsRefusedBeforeUp() {
        f.host.node.version = "1.62.0";
        f.ctx.headscaleVersion = java.util.Optional.of("0.28.0");
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.installTailscale(f.ctx));
        assertEquals(FailureReason.TAILSCALE_TOO_OLD, e.reason());
        assertEquals("winget installed Tailscale 1.62.0, older than 1.74.0, the oldest client Headscale 0.28.0 accepts",
                e.getMessage());
    }

    /** PREFLIGHT checks for winget (InspectionTest); should it vanish in between, winget's own error is shown. */
    @Test
    void withoutWingetTheInstallFailsWithWhatTheHostSaid() {
        f.host.winget = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.installTailscale(f.ctx));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("winget did not install Tailscale") && e.getMessage().contains("not recognized"),
                e.getMessage());
        assertTrue(e.hint().contains("MSI"), e.hint());
        assertEquals(2, f.host.commands().size(), "winget install, then the check for tailscale.exe");
    }
}
