package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * After starting a service, confirms it is still running {@code mesh.plugins.linux.service-check}
 * later: a service that crashes at once (a second Syncthing on the same database, a tailscaled
 * without its device) still looks started right after {@code systemctl enable --now}, and systemd's
 * {@code Restart=on-failure} makes it come and go. When it is not running, the failure shows the
 * last lines of its log.
 */
final class ServiceCheck {

    private ServiceCheck() {
    }

    /**
     * systemd: {@code ActiveState} is {@code active} after the wait, and {@code NRestarts} (systemd's
     * count of automatic restarts) did not grow meanwhile.
     *
     * @throws StepFailedException with {@code reason}, the unit's state and its journal
     */
    static void systemd(LinuxShell shell, ProvisioningContext ctx, String unit, FailureReason reason) {
        String u = LinuxShell.q(unit);
        String wait = seconds(ctx);
        CommandResult r = shell.run("n=$(systemctl show -p NRestarts --value " + u + "); sleep " + wait
                + "; s=$(systemctl is-active " + u + "); m=$(systemctl show -p NRestarts --value " + u + ");"
                + " echo \"$s $n $m\"");
        String[] f = r.out().split("\\s+");
        boolean steady = f.length == 3 && f[0].equals("active") && f[1].equals(f[2]);
        if (steady) {
            return;
        }
        String state = f.length >= 1 && !f[0].isEmpty() ? f[0] : "unknown";
        String restarts = f.length == 3 ? ", restarted " + restarts(f[1], f[2]) + " time(s) meanwhile" : "";
        CommandResult journal = shell.run(RootCommand.serviceLog(unit));
        throw new StepFailedException(reason, ctx.redact(unit + " is not running " + wait + " s after it was started"
                + " (systemctl is-active: " + state + restarts + "); journalctl -u " + unit + ":\n" + journal.combinedOutput()));
    }

    /**
     * Without systemd: the process ({@code pgrep -x}) is still there after the wait.
     *
     * @param logs what to show when it is not (a log file's tail, a status command's answer)
     */
    static void process(LinuxShell shell, ProvisioningContext ctx, String name, Supplier<String> logs,
                        FailureReason reason) {
        String wait = seconds(ctx);
        if (shell.run("sleep " + wait + "; pgrep -x " + LinuxShell.q(name)).succeeded()) {
            return;
        }
        throw new StepFailedException(reason, ctx.redact(name + " is not running " + wait + " s after it was started; "
                + logs.get()));
    }

    private static String restarts(String before, String after) {
        try {
            return String.valueOf(Long.parseLong(after) - Long.parseLong(before));
        } catch (NumberFormatException e) {
            return "?";
        }
    }

    /** The wait as sleep(1) takes it, e.g. {@code 3} or {@code 0.5}. */
    static String seconds(ProvisioningContext ctx) {
        Duration d = ctx.settings(LinuxSettings.class).serviceCheck();
        long ms = d.toMillis();
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }
}
