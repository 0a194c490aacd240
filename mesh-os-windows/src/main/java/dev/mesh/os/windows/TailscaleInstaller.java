package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * INSTALLING on Windows: Tailscale from winget, then its service running. PREFLIGHT has already
 * checked that winget is there ({@link Inspection}), before any key was minted.
 */
final class TailscaleInstaller {
    static final String PACKAGE = "Tailscale.Tailscale";
    static final String MSI_HINT = "install Tailscale's MSI by hand (https://pkgs.tailscale.com/stable/#windows)";
    static final String START_SERVICE = String.join("\n",
            "$service = Get-Service -Name Tailscale -ErrorAction Stop",
            "if ($service.Status -ne 'Running') { Start-Service -Name Tailscale -ErrorAction Stop }",
            "$service.WaitForStatus('Running', [TimeSpan]::FromSeconds(30))",
            "'Running'");

    private TailscaleInstaller() {
    }

    static void install(ProvisioningContext ctx) {
        ctx.listener().info("Installing Tailscale with winget");
        CommandResult result = Winget.install(ctx, PACKAGE);
        // winget's exit codes for "already installed" vary between versions: the file decides.
        if (!WindowsTailscale.installed(ctx)) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "winget did not install Tailscale (exit " + result.exitCode() + "): " + PowerShell.failure(result, ctx),
                    "Check the host's internet access and winget (winget install --id Tailscale.Tailscale), or " + MSI_HINT + ".");
        }
        CommandResult service = PowerShell.run(ctx, START_SERVICE);
        if (!service.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "Tailscale is installed but its service does not start: " + PowerShell.failure(service, ctx),
                    "Look at the Tailscale service in services.msc and the Windows event log on the host.");
        }
        ctx.listener().ok("Tailscale installed, service running");
    }
}
