package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;

/**
 * A Homebrew service ({@code brew services start}, a launchd job whose output goes to
 * {@code PREFIX/var/log/NAME.log}, as the tailscale and syncthing formulae set {@code log_path}),
 * checked to be still running {@code service-check} after it was started; when it is not, the
 * failure shows the end of that log.
 *
 * @param brew    the brew executable
 * @param formula the formula, e.g. {@code tailscale}
 * @param process the program's name, e.g. {@code tailscaled}
 * @param root    whether it is root's (a LaunchDaemon, {@code sudo brew services}) or the user's (a LaunchAgent)
 */
record MacService(String brew, String formula, String process, boolean root) {

    /** {@code PREFIX/var/log/PROCESS.log}: {@code /opt/homebrew/var/log/tailscaled.log}. */
    String log() {
        String prefix = brew.endsWith("/bin/brew") ? brew.substring(0, brew.length() - "/bin/brew".length()) : "/opt/homebrew";
        return prefix + "/var/log/" + process + ".log";
    }

    String startCommand() {
        return (root ? "sudo -n " : "") + Quoting.sh(brew) + " services start " + formula;
    }

    /** After the wait: the pid of the process (root's, or the login user's), or nothing and exit 1. */
    String checkCommand(MacSettings settings) {
        return "sleep " + settings.sleep() + "; pgrep -x " + (root ? "-u 0 " : "-u \"$(id -u)\" ") + process;
    }

    String logCommand() {
        return (root ? "sudo -n " : "") + "tail -n 20 " + Quoting.sh(log());
    }

    /**
     * Starts the service and checks it stays up.
     *
     * @throws StepFailedException with {@code reason}: brew's answer, or the end of the service's log
     */
    void start(ProvisioningContext ctx, FailureReason reason) {
        CommandResult start = ctx.connection().run(startCommand(), ctx.timeouts().command());
        if (!start.succeeded()) {
            throw new StepFailedException(reason, ctx.redact(startCommand().replaceFirst("'[^']*'", "brew") + " failed: "
                    + start.combinedOutput()));
        }
        MacSettings settings = ctx.settings(MacSettings.class);
        if (ctx.connection().run(checkCommand(settings), ctx.timeouts().command().plus(settings.serviceCheck())).succeeded()) {
            return;
        }
        CommandResult log = ctx.connection().run(logCommand(), ctx.timeouts().command());
        throw new StepFailedException(reason, ctx.redact(process + " is not running " + settings.sleep()
                + " s after brew services started it; " + log() + ":\n" + log.combinedOutput()));
    }
}
