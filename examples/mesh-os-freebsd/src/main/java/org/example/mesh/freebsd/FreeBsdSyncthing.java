package org.example.mesh.freebsd;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;

/**
 * SYNCTHING on FreeBSD: the net/syncthing package and its rc.d service (it runs as the {@code syncthing}
 * user, {@code syncthing_home} {@code /usr/local/etc/syncthing}), each part only when needed, so a second
 * run changes nothing. A Syncthing someone runs otherwise (a process not started by the service) is left
 * alone: a second instance could not take its database lock.
 */
final class FreeBsdSyncthing {
    static final String OTHER_PROCESS = "pgrep -x syncthing";

    private FreeBsdSyncthing() {
    }

    static boolean install(ProvisioningContext ctx) {
        Root root = Root.of(ctx);
        boolean installed = Pkg.installed(ctx, "syncthing");
        if (installed && RcService.SYNCTHING.running(ctx, root)) {
            ctx.listener().ok("Syncthing already installed and running (service syncthing)");
            return false;
        }
        if (ctx.connection().run(OTHER_PROCESS, ctx.timeouts().command()).succeeded()) {
            ctx.listener().ok("Syncthing already runs on " + ctx.host().address() + " outside its rc.d service;"
                    + " mesh leaves it alone (a second instance could not take its database lock)");
            return false;
        }
        if (!installed) {
            ctx.listener().info("Installing Syncthing with pkg");
            Pkg.install(ctx, root, "syncthing", FailureReason.SYNCTHING_INSTALL_FAILED);
        }
        ctx.listener().ok("Syncthing " + (installed ? "" : "installed, ")
                + RcService.SYNCTHING.enableAndStart(ctx, root, FailureReason.SYNCTHING_INSTALL_FAILED));
        return true;
    }
}
