package dev.mesh.os.linux;

import dev.mesh.api.HostStatus;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TailscaleStatus;
import java.io.UncheckedIOException;

/**
 * PREFLIGHT: checks that root commands can run without a password, and whether Tailscale is
 * installed and already joined to this run's login server. Changes nothing on the host.
 */
final class InspectStep {
    private InspectStep() {
    }

    static HostStatus run(ProvisioningContext ctx) {
        LinuxShell shell = LinuxShell.of(ctx);
        checkPrivileges(shell, ctx);
        TailscaleCli tailscale = new TailscaleCli(shell, ctx);
        if (!tailscale.installed()) {
            return new HostStatus(false, false, "Tailscale not installed");
        }
        String installed = "Tailscale " + tailscale.version() + " installed";
        TailscaleCli.NodeStatus node = tailscale.status();
        TailscaleStatus status = node.status();
        if (!status.running()) {
            String why = node.problem().isEmpty() ? status.backendState()
                    : "tailscaled not answering (" + node.problem().lines().findFirst().orElse("") + ")";
            return new HostStatus(true, false, installed + ", " + why);
        }
        return switch (ControlUrl.compare(tailscale.controlUrl(), ctx.loginServer())) {
            case SAME -> new HostStatus(true, true, installed + ", Running on " + ctx.loginServer() + " (joined)");
            case OTHER -> new HostStatus(true, false, installed
                    + ", Running on another login server (will re-authenticate with --force-reauth)");
            case UNKNOWN -> {
                ctx.listener().info("Could not read tailscaled's login server (tailscale debug prefs); "
                        + "treating the Running node as joined to " + ctx.loginServer());
                yield new HostStatus(true, true, installed + ", Running (login server not confirmed)");
            }
        };
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
            current = RootHelper.render(LinuxSettings.from(ctx.config()), RootHelper.Layout.HOST).pin();
        } catch (UncheckedIOException e) {
            return; // the install step reports an unreadable upload file
        }
        if (!current.equals(hostPin)) {
            ctx.listener().warn("The host's mesh helper was prepared with other settings (or another mesh version); "
                    + "run `mesh remote prepare` again if installing Tailscale fails");
        }
    }
}
