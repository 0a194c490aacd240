package dev.mesh.os.windows;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;

/**
 * PREFLIGHT on Windows: administrator, conflicting VPN clients, the login server seen from the host,
 * then whether Tailscale is installed (if not, winget must be there to install it: checked now, so
 * no key is minted for a host that cannot be provisioned) and (mesh-api's shared decision) already
 * joined to this run's login server.
 */
final class Inspection {

    private Inspection() {
    }

    static Preflight inspect(ProvisioningContext ctx) {
        AdministratorCheck.require(ctx);
        VpnClientCheck.warnAboutConflicts(ctx);
        LoginServerCheck.require(ctx, ctx.settings(WindowsSettings.class).loginServerCheckTimeout());
        if (!WindowsTailscale.installed(ctx)) {
            Winget.require(ctx, FailureReason.TAILSCALE_INSTALL_FAILED, TailscaleInstaller.MSI_HINT);
            return Preflight.notInstalled("Tailscale not installed");
        }
        return WindowsTailscale.of(ctx).preflight("Tailscale");
    }
}
