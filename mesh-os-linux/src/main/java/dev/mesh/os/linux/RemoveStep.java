package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.RemovalOptions;
import dev.mesh.api.RemovalReport;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientUninstall;
import dev.mesh.api.tailscale.Tailscale;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code mesh remote remove}: {@code tailscale logout} (mesh-api's {@link Tailscale#logout}, as root);
 * with uninstall, removes the {@code tailscale} package with the package manager that owns the CLI
 * ({@code dpkg-query -S}, {@code rpm -qf}, {@code pacman -Qqo}, {@code apk info --who-owns}); with
 * unprepare, removes mesh's sudo rule and helper ({@link RootCommand#unprepare}) last, since the
 * steps before may need the helper. Says what stays: Syncthing, tailscaled's state, the client.
 */
final class RemoveStep {
    private RemoveStep() {
    }

    static RemovalReport run(ProvisioningContext ctx, RemovalOptions options) {
        LinuxShell shell = LinuxShell.of(ctx);
        if (shell.privilege() == LinuxShell.Privilege.NONE) {
            throw LinuxShell.noRoot(shell.access());
        }
        List<String> changes = new ArrayList<>();
        List<String> left = new ArrayList<>();
        Optional<LinuxTailscale.Location> at = LinuxTailscale.locate(ctx);
        if (at.isEmpty()) {
            ctx.listener().ok("Tailscale is not installed");
        } else {
            RemovalReport tailscale = LinuxTailscale.of(ctx).leave(options.uninstall(), uninstaller(shell, ctx, at.get().path()));
            changes.addAll(tailscale.changes());
            left.addAll(tailscale.left());
        }
        if (shell.run("test -d /var/lib/tailscale").succeeded()) {
            left.add("/var/lib/tailscale (tailscaled's state, without a node key)");
        }
        unprepare(shell, ctx, options.unprepare(), ctx.options().dryRun(), changes, left);
        if (shell.probe("command -v syncthing").succeeded()) {
            left.add("Syncthing stays installed (syncthing@" + ctx.host().user() + " or the user's own)");
        }
        return RemovalReport.of(changes, left);
    }

    /** Removes the {@code tailscale} package when that package owns {@code cli}. */
    private static ClientUninstall uninstaller(LinuxShell shell, ProvisioningContext ctx, String cli) {
        Optional<PackageManager> pm = PackageManager.byId(ctx.os().packageManager())
                .filter(p -> owner(shell, p, cli).equals("tailscale"));
        return new ClientUninstall() {
            @Override
            public Optional<String> method() {
                return pm.map(p -> p.binary() + " remove tailscale");
            }

            @Override
            public void run() {
                CommandResult r = shell.run(RootCommand.uninstallTailscale(pm.orElseThrow(), ctx.settings(LinuxSettings.class)),
                        ctx.timeouts().install());
                LinuxTailscale.forget(ctx);
                if (!r.succeeded() || LinuxTailscale.locate(ctx).isPresent()) {
                    throw new StepFailedException(FailureReason.REMOVE_FAILED, ctx.redact("removing the tailscale package"
                            + " failed (exit " + r.exitCode() + "):\n" + r.tail()));
                }
            }
        };
    }

    /** The name of the package that owns {@code path}, or empty. */
    static String owner(LinuxShell shell, PackageManager pm, String path) {
        String q = LinuxShell.q(path);
        String command = switch (pm) {
            case APT -> "dpkg-query -S " + q;
            case DNF, YUM, ZYPPER -> "rpm -qf --qf '%{NAME}\\n' " + q;
            case PACMAN -> "pacman -Qqo " + q;
            case APK -> "apk info -q --who-owns " + q;
        };
        CommandResult r = shell.run(command);
        String first = r.out().lines().findFirst().orElse("").strip();
        if (!r.succeeded() || first.isEmpty()) {
            return "";
        }
        return switch (pm) {
            case APT -> first.substring(0, Math.max(0, first.indexOf(':'))).strip();
            case APK -> first.replaceFirst("^.* ", "").replaceFirst("-[0-9].*$", "");
            default -> first;
        };
    }

    private static void unprepare(LinuxShell shell, ProvisioningContext ctx, boolean asked, boolean dry, List<String> changes,
                                  List<String> left) {
        if (!shell.run("test -e " + RootHelper.PATH).succeeded()) {
            if (asked) {
                ctx.listener().ok("The host is not prepared (no " + RootHelper.PATH + ")");
            }
            return;
        }
        String what = "removed mesh's sudo rule (" + SudoRules.PATH + ") and helper (" + RootHelper.PATH + ")";
        if (!asked) {
            left.add("mesh's sudo rule and helper (" + RootHelper.PATH + "; --unprepare removes them)");
        } else if (dry) {
            ctx.listener().info("A real run would remove mesh's sudo rule and helper");
            changes.add("remove mesh's sudo rule (" + SudoRules.PATH + ") and helper (" + RootHelper.PATH + ")");
        } else {
            CommandResult r = shell.run(RootCommand.unprepare());
            LinuxShell.forget(ctx);
            if (!r.succeeded() || shell.run("test -e " + RootHelper.PATH).succeeded()) {
                throw new StepFailedException(FailureReason.REMOVE_FAILED, ctx.redact("could not remove mesh's sudo rule and"
                        + " helper (exit " + r.exitCode() + "):\n" + r.tail()));
            }
            ctx.listener().ok(what.substring(0, 1).toUpperCase() + what.substring(1));
            changes.add(what);
        }
    }
}
