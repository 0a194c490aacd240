package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;

/**
 * INSTALLING on macOS: {@code brew install tailscale}, then {@code sudo brew services start tailscale}
 * installs tailscaled as a LaunchDaemon, so it runs at boot without anyone logged in. (Tailscale's
 * install.sh only opens the App Store on macOS, useless over SSH.)
 */
final class MacTailscaleInstaller {

    private MacTailscaleInstaller() {
    }

    static String installCommand(String brew) {
        return Quoting.sh(brew) + " install tailscale";
    }

    static String startCommand(String brew) {
        return "sudo -n " + Quoting.sh(brew) + " services start tailscale";
    }

    static void install(ProvisioningContext ctx) {
        String brew = Homebrew.require(ctx, FailureReason.TAILSCALE_INSTALL_FAILED);
        ctx.listener().info("Installing Tailscale with Homebrew");
        CommandResult install = ctx.connection().run(installCommand(brew), ctx.timeouts().install());
        if (!install.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "brew install tailscale failed: " + ctx.redact(install.combinedOutput()));
        }
        CommandResult start = ctx.connection().run(startCommand(brew), ctx.timeouts().command());
        if (!start.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "sudo brew services start tailscale failed: " + ctx.redact(start.combinedOutput()),
                    "Run `sudo brew services start tailscale` (or `sudo tailscaled install-system-daemon`) on the Mac to see why.");
        }
        ctx.listener().ok("Tailscale installed, tailscaled started as a system daemon");
    }
}
