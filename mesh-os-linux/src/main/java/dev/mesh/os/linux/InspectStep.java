package dev.mesh.os.linux;

import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import java.io.UncheckedIOException;

/**
 * PREFLIGHT: checks that root commands can run without a password, whether Tailscale is installed,
 * and (mesh-api's shared decision) whether it is already joined to this run's login server. Changes
 * nothing on the host.
 */
final class InspectStep {
    private InspectStep() {
    }

    static Preflight run(ProvisioningContext ctx) {
        LinuxShell shell = LinuxShell.of(ctx);
        checkPrivileges(shell, ctx);
        if (!new LinuxTailscale(shell).installed()) {
            return Preflight.notInstalled("Tailscale not installed");
        }
        return LinuxTailscale.of(ctx).preflight("Tailscale");
    }

    private static void checkPrivileges(LinuxShell shell, ProvisioningContext ctx) {
        LinuxShell.Access access = shell.access();
        switch (access.privilege()) {
            case ROOT -> ctx.listener().info("Logged in as root: sudo is not needed");
            case SUDO -> ctx.listener().ok("sudo works without a password");
            case HELPER -> {
                ctx.listener().ok("Prepared host: root commands go through " + RootHelper.PATH);
                warnWhenStale(access.helperPin(), ctx);
            }
            case NONE -> throw LinuxShell.noRoot(access);
        }
    }

    /** The helper pins install settings; after they change, it refuses or installs the old way. */
    private static void warnWhenStale(String hostPin, ProvisioningContext ctx) {
        String current;
        try {
            current = RootHelper.render(ctx.settings(LinuxSettings.class), RootHelper.Layout.HOST).pin();
        } catch (UncheckedIOException e) {
            return; // the install step reports an unreadable upload file
        }
        if (!current.equals(hostPin)) {
            ctx.listener().warn("The host's mesh helper was prepared with other settings (or another mesh version); "
                    + "run `mesh remote prepare` again if installing Tailscale fails");
        }
    }
}
