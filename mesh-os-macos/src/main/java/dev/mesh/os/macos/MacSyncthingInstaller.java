package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;

/**
 * SYNCTHING on macOS: {@code brew install syncthing && brew services start syncthing}, each half only
 * when needed, so a second run changes nothing. The service is the user's LaunchAgent.
 */
final class MacSyncthingInstaller {

    private MacSyncthingInstaller() {
    }

    static boolean install(ProvisioningContext ctx) {
        String brew = Quoting.sh(Homebrew.require(ctx, FailureReason.SYNCTHING_INSTALL_FAILED));
        boolean changed = false;
        CommandResult listed = ctx.connection().run(brew + " list --versions syncthing", ctx.timeouts().command());
        if (!listed.succeeded() || listed.out().isEmpty()) {
            ctx.listener().info("Installing Syncthing with Homebrew");
            check(ctx, ctx.connection().run(brew + " install syncthing", ctx.timeouts().install()), "brew install syncthing");
            changed = true;
        }
        CommandResult services = ctx.connection().run(brew + " services list", ctx.timeouts().command());
        if (!started(services.out())) {
            check(ctx, ctx.connection().run(brew + " services start syncthing", ctx.timeouts().command()),
                    "brew services start syncthing");
            changed = true;
        }
        ctx.listener().ok(changed ? "Syncthing installed and started (brew services)" : "Syncthing already installed and running");
        return changed;
    }

    /** {@code brew services list} prints {@code Name Status User File}; Syncthing's row must say started. */
    static boolean started(String servicesList) {
        return servicesList.lines().map(l -> l.strip().split("\\s+"))
                .anyMatch(cols -> cols.length >= 2 && cols[0].equals("syncthing") && cols[1].equals("started"));
    }

    private static void check(ProvisioningContext ctx, CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED, what + " failed: " + ctx.redact(result.combinedOutput()));
        }
    }
}
