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
        assertTrue(f.host.tailscaleInstalled);
        assertEquals(PowerShell.PREAMBLE + "& winget install --id 'Tailscale.Tailscale' --exact --source winget --silent"
                + " --accept-source-agreements --accept-package-agreements\nexit $LASTEXITCODE", f.host.scripts.get(1));
        assertEquals(Duration.ofSeconds(180), f.host.timeouts.get(1), "winget runs under the install timeout");
        assertTrue(f.host.scripts.get(3).contains("Start-Service -Name Tailscale"));
        f.assertNoKeyLeaked();
    }

    @Test
    void withoutWingetTheErrorSaysWhatToInstall() {
        f.host.winget = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.installTailscale(f.ctx));
        assertEquals(FailureReason.TAILSCALE_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().contains("winget is not available"), e.getMessage());
        assertTrue(e.hint().contains("App Installer") && e.hint().contains("MSI"), e.hint());
        assertEquals(1, f.host.commands.size());
    }
}
