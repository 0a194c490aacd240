package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.List;

/**
 * SYNCTHING: leaves a Syncthing the login user already runs in any other form alone
 * ({@link ExistingSyncthing}: a systemd user service, a process of theirs), since a second instance
 * cannot take its database lock and crash-loops; otherwise installs Syncthing with the host's package
 * manager and, where systemd runs, enables {@code syncthing@USER} and checks it is still running a
 * little later ({@link ServiceCheck}). Without systemd it says so instead of pretending. Returns
 * whether anything changed.
 */
final class InstallSyncthingStep {
    private InstallSyncthingStep() {
    }

    static boolean run(ProvisioningContext ctx) {
        LinuxShell shell = LinuxShell.of(ctx);
        String unit = "syncthing@" + ctx.host().user();
        ExistingSyncthing existing = ExistingSyncthing.find(shell, ctx);
        if (existing.runsOtherwise()) {
            ctx.listener().ok("Syncthing already runs for " + ctx.host().user() + " as " + ctx.redact(existing.describe())
                    + "; mesh leaves it alone and does not start " + unit + " (a second instance could not take its"
                    + " database lock)");
            return false;
        }
        boolean alreadyInstalled = shell.probe("command -v syncthing").succeeded();
        if (alreadyInstalled) {
            ctx.listener().info("Syncthing already installed");
        } else {
            install(shell, ctx);
        }
        if (!Systemd.running(shell)) {
            ctx.listener().warn("systemd is not running on this host; " + unit
                    + " was not enabled — start `syncthing serve --no-browser` yourself");
            return !alreadyInstalled;
        }
        if (alreadyInstalled && existing.ours()) {
            ctx.listener().ok(unit + " is enabled and running");
            return false;
        }
        CommandResult enable = shell.run(RootCommand.enableSyncthing(ctx.host().user()));
        if (!enable.succeeded()) {
            throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED,
                    "could not enable " + unit + ":\n" + enable.tail());
        }
        ServiceCheck.systemd(shell, ctx, unit, FailureReason.SYNCTHING_INSTALL_FAILED);
        ctx.listener().ok(unit + " enabled and started");
        return true;
    }

    private static void install(LinuxShell shell, ProvisioningContext ctx) {
        PackageManager pm = PackageManager.byId(ctx.os().packageManager()).orElseThrow(() ->
                new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED,
                        "no supported package manager found on " + ctx.os().describe()
                                + " (mesh knows apt, dnf, yum, zypper, pacman, apk)"));
        LinuxSettings settings = ctx.settings(LinuxSettings.class);
        StringBuilder downloadProblems = new StringBuilder();
        for (String command : installCommands(pm, shell, settings)) {
            CommandResult r = shell.run(command, ctx.timeouts().install());
            if (!r.succeeded()) {
                throw failure(pm, ctx, downloadProblems + r.tail());
            }
            downloadProblems.append(fetchFailures(r));
        }
        ctx.listener().ok("Syncthing installed with " + pm.id());
    }

    /** The commands that install the {@code syncthing} package, in order. */
    static List<String> installCommands(PackageManager pm, LinuxShell shell, LinuxSettings settings) {
        List<RootCommand> commands = pm == PackageManager.APT
                ? List.of(RootCommand.aptUpdate(settings), RootCommand.installSyncthing(pm, settings))
                : List.of(RootCommand.installSyncthing(pm, settings));
        return commands.stream().map(shell::command).toList();
    }

    /**
     * apt-get update exits 0 when it cannot download the package lists (only warnings), and the
     * install then fails with a puzzling "Unable to locate package": keep the download failures
     * so the error says what really went wrong.
     */
    static String fetchFailures(CommandResult update) {
        String lines = update.combinedOutput().lines()
                .filter(l -> l.startsWith("W: Failed to fetch") || l.startsWith("E: Failed to fetch"))
                .reduce("", (a, b) -> a + b + "\n");
        return lines.isEmpty() ? ""
                : "The package lists could not be downloaded (is the package mirror reachable from the host?):\n" + lines;
    }

    private static StepFailedException failure(PackageManager pm, ProvisioningContext ctx, String detail) {
        if (detail.contains("Could not get lock")) {
            return new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED, detail,
                    "Another package manager run holds the dpkg lock; let it finish and run mesh again "
                            + "(mesh waits mesh.plugins.linux.apt-lock-timeout for it).");
        }
        boolean rhelLike = (pm == PackageManager.DNF || pm == PackageManager.YUM)
                && !"fedora".equals(ctx.os().distribution());
        return rhelLike
                ? new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED, detail,
                        "On RHEL-like systems Syncthing comes from EPEL: enable it (dnf install epel-release), "
                                + "or rerun with --skip-syncthing.")
                : new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED, detail);
    }
}
