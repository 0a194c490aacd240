package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import java.util.HashMap;
import java.util.Map;

/**
 * SYNCTHING on macOS: {@code brew install syncthing && brew services start syncthing}, each half only
 * when needed, so a second run changes nothing. The service is the user's LaunchAgent
 * ({@code homebrew.mxcl.syncthing}); it must still run a little later ({@link MacService}). A
 * Syncthing the user runs otherwise (Syncthing.app, another launchd agent, a process started by
 * hand) is left alone, since a second instance cannot take its database lock.
 */
final class MacSyncthingInstaller {
    /** Homebrew's label for the formula's service. */
    static final String BREW_LABEL = "homebrew.mxcl.syncthing";
    /** The user's syncthing process, and a launchd job of theirs for Syncthing that is not Homebrew's. */
    static final String PROBE = "echo \"process=$(pgrep -x -u \"$(id -u)\" syncthing | head -n 1)\";"
            + " echo \"agent=$(launchctl list 2>/dev/null | awk '{print $3}' | grep -i syncthing | grep -v -x '"
            + BREW_LABEL + "' | head -n 1)\"";

    private MacSyncthingInstaller() {
    }

    static boolean install(ProvisioningContext ctx) {
        String brewPath = Homebrew.require(ctx, FailureReason.SYNCTHING_INSTALL_FAILED);
        String brew = Quoting.sh(brewPath);
        CommandResult services = ctx.connection().probe(brew + " services list", ctx.timeouts().command());
        boolean started = started(services.out());
        Map<String, String> found = probe(ctx);
        String agent = found.getOrDefault("agent", "");
        String process = found.getOrDefault("process", "");
        if (!agent.isEmpty() || !process.isEmpty() && !started) {
            ctx.listener().ok("Syncthing already runs for " + ctx.host().user() + " ("
                    + ctx.redact(agent.isEmpty() ? "a syncthing process, pid " + process : "the launchd job " + agent)
                    + "); mesh leaves it alone and starts no service of its own (a second instance could not take its"
                    + " database lock)");
            return false;
        }
        boolean changed = false;
        CommandResult listed = ctx.connection().probe(brew + " list --versions syncthing", ctx.timeouts().command());
        if (!listed.succeeded() || listed.out().isEmpty()) {
            ctx.listener().info("Installing Syncthing with Homebrew");
            check(ctx, ctx.connection().run(brew + " install syncthing", ctx.timeouts().install()), "brew install syncthing");
            changed = true;
        }
        if (!started || process.isEmpty()) {
            new MacService(brewPath, "syncthing", "syncthing", false).start(ctx, FailureReason.SYNCTHING_INSTALL_FAILED);
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

    static Map<String, String> probe(ProvisioningContext ctx) {
        Map<String, String> values = new HashMap<>();
        for (String line : ctx.connection().probe(PROBE, ctx.timeouts().command()).stdout().split("\\R")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }

    private static void check(ProvisioningContext ctx, CommandResult result, String what) {
        if (!result.succeeded()) {
            throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED, what + " failed: " + ctx.redact(result.combinedOutput()));
        }
    }
}
