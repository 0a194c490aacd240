package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * Makes sure tailscaled runs after an install: as a systemd service where systemd is PID 1, as an
 * OpenRC service where that exists, otherwise started in the background (with a warning that it
 * will not come back after a reboot).
 */
final class TailscaledService {
    static final String SOCKET = "/var/run/tailscale/tailscaled.sock";
    static final String LOG = "/var/log/tailscaled.log";

    /** Starts tailscaled detached from the SSH channel, its output in {@link #LOG}. */
    static final String BACKGROUND_SCRIPT = "mkdir -p /var/lib/tailscale && nohup tailscaled"
            + " --state=/var/lib/tailscale/tailscaled.state >" + LOG + " 2>&1 </dev/null &";

    /** Waits up to 15 s for the daemon's socket. */
    static final String WAIT_FOR_SOCKET = "i=0; while [ ! -S " + SOCKET + " ] && [ $i -lt 15 ]; do sleep 1; i=$((i+1)); done; "
            + "[ -S " + SOCKET + " ]";

    private TailscaledService() {
    }

    static void ensureRunning(LinuxShell shell, ProvisioningContext ctx) {
        if (Systemd.running(shell)) {
            CommandResult r = shell.run(RootCommand.enableTailscaled());
            if (!r.succeeded()) {
                throw fail("systemctl could not start tailscaled:\n" + r.tail());
            }
            ctx.listener().ok("tailscaled enabled and started (systemd)");
            return;
        }
        if (shell.run("pgrep -x tailscaled").succeeded()) {
            ctx.listener().warn("systemd is not running on this host; tailscaled is running, but mesh cannot make sure it starts at boot");
            return;
        }
        if (shell.run("command -v rc-service").succeeded()) {
            CommandResult r = shell.run(RootCommand.startTailscaleOpenRc());
            if (!r.succeeded()) {
                throw fail("OpenRC could not start the tailscale service:\n" + r.tail());
            }
            ctx.listener().ok("tailscaled enabled and started (OpenRC)");
            return;
        }
        ctx.listener().warn("systemd is not running on this host; starting tailscaled in the background "
                + "(it will not start again after a reboot)");
        CommandResult r = shell.run(shell.command(RootCommand.startTailscaledInBackground()) + " && " + WAIT_FOR_SOCKET);
        if (!r.succeeded()) {
            CommandResult log = shell.run(RootCommand.tailscaledLog());
            throw fail("tailscaled did not start (no socket at " + SOCKET + "); " + LOG + ":\n" + log.combinedOutput());
        }
        ctx.listener().ok("tailscaled started in the background");
    }

    private static StepFailedException fail(String detail) {
        return new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED, detail);
    }
}
