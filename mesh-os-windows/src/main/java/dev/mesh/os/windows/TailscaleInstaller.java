package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientMinimum;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.util.Optional;

/**
 * INSTALLING on Windows: Tailscale from winget, a client this run's Headscale accepts, then its
 * service running and still running a little later ({@link WindowsService}). PREFLIGHT has already
 * checked that winget is there ({@link Inspection}), before any key was minted.
 */
final class TailscaleInstaller {
    static final String PACKAGE = "Tailscale.Tailscale";
    static final String MSI_HINT = "install Tailscale's MSI by hand (https://pkgs.tailscale.com/stable/#windows)";

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
        Tailscale tailscale = WindowsTailscale.of(ctx);
        Optional<TailscaleVersion> version = tailscale.clientVersion();
        Optional<TailscaleVersion> oldest = ctx.headscaleVersion().flatMap(ClientMinimum::forHeadscale);
        if (version.isPresent() && oldest.isPresent() && version.get().olderThan(oldest.get())) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "winget installed Tailscale " + version.get()
                    + ", older than " + oldest.get() + ", the oldest client Headscale " + ctx.headscaleVersion().orElseThrow()
                    + " accepts", "Install Tailscale " + oldest.get() + " or newer (" + MSI_HINT + "), then run mesh again.");
        }
        ctx.listener().ok("Tailscale " + version.map(TailscaleVersion::toString).orElse("") + " installed, "
                + WindowsService.start(ctx));
    }
}
