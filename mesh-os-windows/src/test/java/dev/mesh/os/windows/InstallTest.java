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
        assertTrue(f.host.scripts.get(2).contains("Start-Service -Name Tailscale"));
        f.assertNoKeyLeaked();
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
