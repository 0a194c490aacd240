package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.RemovalOptions;
import dev.mesh.api.RemovalReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientUninstall;
import dev.mesh.api.tailscale.TailscaleReport;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code mesh remote status} and {@code mesh remote remove} on Windows: mesh-api's shared Tailscale
 * report and leave over {@link WindowsTailscale}; the client is removed with winget ({@code winget
 * uninstall --id Tailscale.Tailscale}); Syncthing is found as {@link SyncthingInstaller} finds it and
 * stays. Windows has nothing to unprepare (mesh prepares no Windows host).
 */
final class WindowsStatusAndRemoval {
    private WindowsStatusAndRemoval() {
    }

    static StatusReport status(ProvisioningContext ctx) {
        TailscaleReport tailscale = WindowsTailscale.installed(ctx) ? WindowsTailscale.of(ctx).report()
                : TailscaleReport.notInstalled();
        Map<String, String> syncthing = SyncthingInstaller.probe(ctx);
        return StatusReport.builder(tailscale).syncthing(!syncthing.getOrDefault("exe", "").isEmpty(),
                !syncthing.getOrDefault("process", "").isEmpty()).build();
    }

    static RemovalReport remove(ProvisioningContext ctx, RemovalOptions options) {
        AdministratorCheck.require(ctx);
        List<String> changes = new ArrayList<>();
        List<String> left = new ArrayList<>();
        if (!WindowsTailscale.installed(ctx)) {
            ctx.listener().ok("Tailscale is not installed");
        } else {
            RemovalReport tailscale = WindowsTailscale.of(ctx).leave(options.uninstall(), new ClientUninstall() {
                @Override
                public Optional<String> method() {
                    return Optional.of("winget uninstall --id " + TailscaleInstaller.PACKAGE);
                }

                @Override
                public void run() {
                    CommandResult r = Winget.uninstall(ctx, TailscaleInstaller.PACKAGE);
                    if (WindowsTailscale.installed(ctx)) {
                        throw new StepFailedException(FailureReason.REMOVE_FAILED, "winget did not uninstall Tailscale (exit "
                                + r.exitCode() + "): " + PowerShell.failure(r, ctx));
                    }
                }
            });
            changes.addAll(tailscale.changes());
            left.addAll(tailscale.left());
        }
        if (options.unprepare()) {
            ctx.listener().ok("Nothing to unprepare: mesh prepares no Windows host");
        }
        if (!SyncthingInstaller.probe(ctx).getOrDefault("exe", "").isEmpty()) {
            left.add("Syncthing stays installed (scheduled task '" + SyncthingInstaller.TASK + "' or the user's own)");
        }
        return RemovalReport.of(changes, left);
    }
}
