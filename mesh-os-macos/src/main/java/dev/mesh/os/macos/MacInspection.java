package dev.mesh.os.macos;

import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatus;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TailscaleStatus;
import java.util.Optional;

/**
 * PREFLIGHT on macOS: Homebrew when something will need it, sudo when Homebrew's tailscaled will be
 * used, then whether Tailscale (app or Homebrew) is installed and joined to this run's login server.
 */
final class MacInspection {

    private MacInspection() {
    }

    static HostStatus inspect(ProvisioningContext ctx) {
        Optional<MacTailscale.Cli> cli = MacTailscale.locate(ctx);
        boolean needBrew = cli.isEmpty() || !ctx.options().skipSyncthing();
        if (needBrew && Homebrew.locate(ctx).isEmpty()) {
            throw Homebrew.missing(ctx, cli.isEmpty() ? FailureReason.TAILSCALE_INSTALL_FAILED : FailureReason.SYNCTHING_INSTALL_FAILED);
        }
        if (cli.isEmpty() || !cli.get().app()) {
            SudoCheck.require(ctx);
        }
        if (cli.isEmpty()) {
            return new HostStatus(false, false, "Tailscale not installed");
        }
        String kind = cli.get().app() ? "Tailscale app" : "Tailscale (Homebrew)";
        if (cli.get().app()) {
            ctx.listener().info("Using the installed Tailscale app's CLI " + MacTailscale.APP_CLI);
        }
        Optional<MacTailscale.Reading> reading = MacTailscale.status(ctx, cli.get());
        if (reading.isEmpty()) {
            return new HostStatus(true, false, kind + " installed, but tailscaled does not answer");
        }
        TailscaleStatus status = reading.get().status();
        String installed = kind + (reading.get().version().isEmpty() ? "" : " " + reading.get().version()) + " installed";
        if (!status.running() || !TailscaleStatus.isTailscaleIpv4(status.ipv4())) {
            return new HostStatus(true, false, installed + ", " + status.backendState());
        }
        String server = ctx.loginServer().toString();
        Optional<String> control = MacTailscale.controlUrl(ctx, cli.get());
        if (control.isPresent() && !MacTailscale.sameServer(control.get(), server)) {
            return new HostStatus(true, false, installed + ", Running but joined to " + control.get());
        }
        if (control.isEmpty()) {
            ctx.listener().info("Could not read tailscaled's control URL; trusting BackendState Running");
        }
        return new HostStatus(true, true, installed + ", Running as " + status.ipv4());
    }
}
