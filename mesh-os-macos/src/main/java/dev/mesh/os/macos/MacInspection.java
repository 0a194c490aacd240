package dev.mesh.os.macos;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import java.util.Optional;

/**
 * PREFLIGHT on macOS: Homebrew when something will need it, sudo when Homebrew's tailscaled will be
 * used, then whether Tailscale (app or Homebrew) is installed and (mesh-api's shared decision)
 * joined to this run's login server.
 */
final class MacInspection {

    private MacInspection() {
    }

    static Preflight inspect(ProvisioningContext ctx) {
        Optional<MacTailscale> cli = MacTailscale.locate(ctx);
        boolean needBrew = cli.isEmpty() || !ctx.options().skipSyncthing();
        if (needBrew && Homebrew.locate(ctx).isEmpty()) {
            throw Homebrew.missing(ctx, cli.isEmpty() ? FailureReason.TAILSCALE_INSTALL_FAILED : FailureReason.SYNCTHING_INSTALL_FAILED);
        }
        if (cli.isEmpty() || !cli.get().app()) {
            SudoCheck.require(ctx);
        }
        if (cli.isEmpty()) {
            return Preflight.notInstalled("Tailscale not installed");
        }
        if (cli.get().app()) {
            ctx.listener().info("Using the installed Tailscale app's CLI " + MacTailscale.APP_CLI);
        }
        return cli.get().tailscale().preflight(cli.get().product());
    }
}
