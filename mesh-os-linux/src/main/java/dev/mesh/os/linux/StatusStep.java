package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StatusReport;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleArguments;
import dev.mesh.api.tailscale.TailscaleReport;

/**
 * {@code mesh remote status}: the Tailscale client and node (mesh-api's {@link Tailscale#report()}
 * over {@link LinuxTailscale}), Syncthing for the login user ({@link ExistingSyncthing}), and how
 * root is reached. Read-only: tailscaled is not started. Without root (sudo asks a password) the
 * node's preferences, which only root may read, are left out and the rest is read as the login user.
 */
final class StatusStep {
    private StatusStep() {
    }

    static StatusReport run(ProvisioningContext ctx) {
        LinuxShell shell = LinuxShell.of(ctx);
        LinuxShell.Privilege privilege = shell.privilege();
        StatusReport.Builder report = StatusReport.builder(tailscale(shell, privilege, ctx));
        ExistingSyncthing syncthing = ExistingSyncthing.find(shell, ctx);
        boolean running = !syncthing.process().isEmpty() || syncthing.unitActive().equals("active")
                || syncthing.userActive().equals("active");
        report.syncthing(shell.probe("command -v syncthing").succeeded(), running);
        report.note(switch (privilege) {
            case ROOT -> "root: logged in as root";
            case SUDO -> "root: password-less sudo";
            case HELPER -> "root: prepared (mesh's helper " + RootHelper.PATH + ")";
            case NONE -> "root: none without a password (mesh remote prepare sets it up)";
        });
        return report.build();
    }

    private static TailscaleReport tailscale(LinuxShell shell, LinuxShell.Privilege privilege, ProvisioningContext ctx) {
        if (privilege != LinuxShell.Privilege.NONE) {
            return LinuxTailscale.locate(ctx).isEmpty() ? TailscaleReport.notInstalled() : LinuxTailscale.of(ctx).report();
        }
        CommandResult where = shell.probe("command -v tailscale");
        String path = where.out().lines().reduce((a, b) -> b).orElse("").strip();
        if (!where.succeeded() || !path.startsWith("/")) {
            return TailscaleReport.notInstalled();
        }
        LinuxTailscale cli = LinuxTailscale.at(shell, path);
        return Tailscale.on(ctx, (args, stdin, timeout) -> args.equals(TailscaleArguments.PREFS)
                ? CommandResult.of(1, "", "reading the preferences needs root") : cli.run(args, stdin, timeout)).report();
    }
}
