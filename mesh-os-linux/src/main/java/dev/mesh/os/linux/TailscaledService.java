package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * Starts tailscaled, after an install (INSTALLING) or when it is installed but not running
 * (PREFLIGHT): as a systemd service where systemd is PID 1, as an OpenRC service where that exists,
 * otherwise in the background (with a warning that it will not come back after a reboot). It needs a
 * TUN device unless the plugin is set to userspace networking; a started daemon must still be
 * running {@code service-check} later ({@link ServiceCheck}), else the failure shows its log.
 */
final class TailscaledService {
    static final String SOCKET = "/var/run/tailscale/tailscaled.sock";
    static final String LOG = "/var/log/tailscaled.log";
    static final String TUN = "/dev/net/tun";
    static final String USERSPACE_FLAG = "--tun=userspace-networking";
    static final String DEFAULTS = "/etc/default/tailscaled";

    /**
     * Adds {@value #USERSPACE_FLAG} to FLAGS in {@value #DEFAULTS}, which tailscaled.service reads
     * ({@code EnvironmentFile}, {@code ExecStart=... $FLAGS}); prints {@code changed} or {@code unchanged}.
     */
    static final String USERSPACE_SCRIPT = "f=" + DEFAULTS + "; flag=" + USERSPACE_FLAG + "\n"
            + "if [ -f \"$f\" ] && grep -q -e \"$flag\" \"$f\"; then echo unchanged; exit 0; fi\n"
            + "if [ -f \"$f\" ] && grep -q '^FLAGS=\"' \"$f\"; then\n"
            + "  sed -i \"s|^FLAGS=\\\"|FLAGS=\\\"$flag |\" \"$f\" || exit 1\n"
            + "else\n"
            + "  printf 'FLAGS=\"%s\"\\n' \"$flag\" >> \"$f\" || exit 1\n"
            + "fi\n"
            + "echo changed";

    /** Waits up to 15 s for the daemon's socket. */
    static final String WAIT_FOR_SOCKET = "i=0; while [ ! -S " + SOCKET + " ] && [ $i -lt 15 ]; do sleep 1; i=$((i+1)); done; "
            + "[ -S " + SOCKET + " ]";

    private TailscaledService() {
    }

    /** Starts tailscaled detached from the SSH channel, its output in {@link #LOG}. */
    static String backgroundScript(boolean userspace) {
        return "mkdir -p /var/lib/tailscale && nohup tailscaled --state=/var/lib/tailscale/tailscaled.state"
                + (userspace ? " " + USERSPACE_FLAG : "") + " >" + LOG + " 2>&1 </dev/null &";
    }

    /**
     * Starts tailscaled and checks it stays up.
     *
     * @return what was done, e.g. {@code tailscaled enabled and started (systemd)}
     * @throws StepFailedException TUN_MISSING without a TUN device; TAILSCALED_NOT_RUNNING naming the
     *                             cause: the service manager's answer, the last lines of tailscaled's log
     */
    static String start(LinuxShell shell, ProvisioningContext ctx) {
        LinuxSettings settings = ctx.settings(LinuxSettings.class);
        boolean userspace = settings.userspaceNetworking();
        if (!userspace) {
            requireTun(shell, ctx);
        }
        if (Systemd.running(shell)) {
            if (userspace) {
                CommandResult flags = shell.run(RootCommand.tailscaledUserspace());
                if (!flags.succeeded()) {
                    throw fail("could not add " + USERSPACE_FLAG + " to FLAGS in " + DEFAULTS + ":\n" + flags.tail(), ctx);
                }
            }
            CommandResult r = shell.run(RootCommand.enableTailscaled());
            if (!r.succeeded()) {
                throw fail("systemctl enable --now tailscaled failed:\n" + r.tail() + journal(shell, ctx), ctx);
            }
            ServiceCheck.systemd(shell, ctx, "tailscaled", FailureReason.TAILSCALED_NOT_RUNNING);
            return "tailscaled enabled and started (systemd" + (userspace ? ", userspace networking" : "") + ")";
        }
        if (shell.probe("pgrep -x tailscaled").succeeded()) {
            ctx.listener().warn("systemd is not running on this host; tailscaled is running, but mesh cannot make sure it starts at boot");
            return "tailscaled is running";
        }
        if (shell.probe("command -v rc-service").succeeded()) {
            CommandResult r = shell.run(RootCommand.startTailscaleOpenRc());
            if (!r.succeeded()) {
                throw fail("OpenRC could not start the tailscale service:\n" + r.tail(), ctx);
            }
            ServiceCheck.process(shell, ctx, "tailscaled", () -> "rc-service tailscale status:\n"
                    + shell.run("rc-service tailscale status").combinedOutput(), FailureReason.TAILSCALED_NOT_RUNNING);
            return "tailscaled enabled and started (OpenRC)";
        }
        ctx.listener().warn("systemd is not running on this host (and there is no OpenRC); starting tailscaled in the"
                + " background (it will not start again after a reboot)");
        CommandResult r = shell.run(shell.command(RootCommand.startTailscaledInBackground(userspace)) + " && " + WAIT_FOR_SOCKET);
        if (!r.succeeded()) {
            throw fail("tailscaled did not start (no socket at " + SOCKET + " after 15 s); " + LOG + ":\n" + log(shell), ctx);
        }
        ServiceCheck.process(shell, ctx, "tailscaled", () -> LOG + ":\n" + log(shell), FailureReason.TAILSCALED_NOT_RUNNING);
        return "tailscaled started in the background" + (userspace ? " (userspace networking)" : "");
    }

    /**
     * tailscaled opens {@value #TUN} to create its interface; it is missing in unprivileged LXC and
     * Docker containers (facts.md).
     */
    static void requireTun(LinuxShell shell, ProvisioningContext ctx) {
        if (shell.probe("test -c " + TUN).succeeded()) {
            return;
        }
        throw new StepFailedException(FailureReason.TUN_MISSING, "the host has no TUN device (" + TUN
                + " is missing, as in unprivileged containers): tailscaled cannot create its tailscale0 interface",
                "Give the host " + TUN + " (Docker: --device /dev/net/tun --cap-add NET_ADMIN; LXC: lxc.cgroup2.devices.allow"
                        + " = c 10:200 rwm and lxc.mount.entry = /dev/net/tun dev/net/tun none bind,create=file), or set"
                        + " mesh.plugins.linux.userspace-networking = true (tailscaled --tun=userspace-networking). No key"
                        + " was minted.");
    }

    private static String log(LinuxShell shell) {
        return shell.run(RootCommand.tailscaledLog()).combinedOutput();
    }

    private static String journal(LinuxShell shell, ProvisioningContext ctx) {
        return "\njournalctl -u tailscaled:\n" + ctx.redact(shell.run(RootCommand.serviceLog("tailscaled")).combinedOutput());
    }

    private static StepFailedException fail(String detail, ProvisioningContext ctx) {
        return new StepFailedException(FailureReason.TAILSCALED_NOT_RUNNING, ctx.redact(detail));
    }
}
