package dev.mesh.os.windows;

import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatus;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TailscaleStatus;
import java.util.Optional;

/**
 * PREFLIGHT on Windows: administrator, conflicting VPN clients, the login server seen from the host,
 * then whether Tailscale is installed (if not, winget must be there to install it: checked now, so
 * no key is minted for a host that cannot be provisioned) and already joined to this run's login server.
 */
final class Inspection {

    private Inspection() {
    }

    static HostStatus inspect(ProvisioningContext ctx, WindowsSettings settings) {
        AdministratorCheck.require(ctx);
        VpnClientCheck.warnAboutConflicts(ctx);
        LoginServerCheck.require(ctx, settings.loginServerCheckTimeout());
        if (!TailscaleCli.installed(ctx)) {
            Winget.require(ctx, FailureReason.TAILSCALE_INSTALL_FAILED, TailscaleInstaller.MSI_HINT);
            return new HostStatus(false, false, "Tailscale not installed");
        }
        Optional<TailscaleCli.Reading> reading = TailscaleCli.status(ctx);
        if (reading.isEmpty()) {
            return new HostStatus(true, false, "Tailscale installed, but its service does not answer");
        }
        TailscaleStatus status = reading.get().status();
        String installed = reading.get().version().isEmpty()
                ? "Tailscale installed" : "Tailscale " + reading.get().version() + " installed";
        if ("InUseOtherUser".equals(status.backendState())) {
            ctx.listener().warn("Tailscale on " + ctx.host().address() + " is in use by another Windows user;"
                    + " joining from " + ctx.host().user() + " may fail until that user quits the Tailscale app");
        }
        boolean up = status.running() && TailscaleStatus.isTailscaleIpv4(status.ipv4());
        if (!up) {
            return new HostStatus(true, false, installed + ", " + status.backendState());
        }
        String server = ctx.loginServer().toString();
        Optional<String> control = TailscaleCli.controlUrl(ctx);
        if (control.isPresent() && !TailscaleCli.sameServer(control.get(), server)) {
            return new HostStatus(true, false, installed + ", Running but joined to " + control.get());
        }
        if (control.isEmpty()) {
            ctx.listener().info("Could not read tailscaled's control URL; trusting BackendState Running");
        }
        return new HostStatus(true, true, installed + ", Running as " + status.ipv4());
    }
}
