package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatus;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TailscaleStatus;

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
        if (shell.root()) {
            ctx.listener().info("Logged in as root: sudo is not needed");
            return;
        }
        CommandResult sudo = shell.run("sudo -n true");
        if (sudo.exitCode() == 127) {
            throw new StepFailedException(FailureReason.SUDO_PASSWORD_REQUIRED, "sudo is not installed on the host: "
                    + sudo.combinedOutput(), "Install sudo on the host, or provision it as root.");
        }
        if (!sudo.succeeded()) {
            throw new StepFailedException(FailureReason.SUDO_PASSWORD_REQUIRED, sudo.combinedOutput());
        }
        ctx.listener().ok("sudo works without a password");
    }
}
