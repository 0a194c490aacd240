package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientMinimum;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.util.Optional;

/**
 * INSTALLING on macOS: {@code brew install tailscale}, then {@code sudo brew services start tailscale}
 * installs tailscaled as a LaunchDaemon, so it runs at boot without anyone logged in, and it must
 * still run a little later ({@link MacService}). The client must be one this run's Headscale
 * accepts. (Tailscale's install.sh only opens the App Store on macOS, useless over SSH.)
 */
final class MacTailscaleInstaller {

    private MacTailscaleInstaller() {
    }

    static String installCommand(String brew) {
        return Quoting.sh(brew) + " install tailscale";
    }

    static void install(ProvisioningContext ctx) {
        String brew = Homebrew.require(ctx, FailureReason.TAILSCALE_INSTALL_FAILED);
        ctx.listener().info("Installing Tailscale with Homebrew");
        CommandResult install = ctx.connection().run(installCommand(brew), ctx.timeouts().install());
        if (!install.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "brew install tailscale failed: " + ctx.redact(install.combinedOutput()));
        }
        MacTailscale cli = MacTailscale.locate(ctx).orElseThrow(() -> new StepFailedException(
                FailureReason.TAILSCALE_INSTALL_FAILED, "brew install tailscale finished, but there is no tailscale CLI"));
        Optional<TailscaleVersion> version = cli.tailscale().clientVersion();
        Optional<TailscaleVersion> oldest = ctx.headscaleVersion().flatMap(ClientMinimum::forHeadscale);
        if (version.isPresent() && oldest.isPresent() && version.get().olderThan(oldest.get())) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "Homebrew installed Tailscale " + version.get()
                    + ", older than " + oldest.get() + ", the oldest client Headscale " + ctx.headscaleVersion().orElseThrow()
                    + " accepts", "Update Homebrew (brew update) and run mesh again.");
        }
        MacTailscaleHost.tailscaled(brew).start(ctx, FailureReason.TAILSCALED_NOT_RUNNING);
        ctx.listener().ok("Tailscale " + version.map(TailscaleVersion::toString).orElse("") + " installed, tailscaled"
                + " started as a system daemon");
    }
}
