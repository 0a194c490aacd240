package org.example.mesh.freebsd;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/** FreeBSD's package manager, pkg(8), for the packages this plugin installs (names are the ports', e.g. {@code tailscale}). */
final class Pkg {
    private Pkg() {
    }

    /** {@code pkg info -e NAME}: exit 0 when the package is installed (pkg-info(8)); needs no root. */
    static boolean installed(ProvisioningContext ctx, String name) {
        return ctx.connection().run("pkg info -e " + name, ctx.timeouts().command()).succeeded();
    }

    /**
     * {@code pkg install -y NAME} as root ({@code -y}: no question on a terminal mesh does not have).
     *
     * @throws StepFailedException with {@code reason} and the end of pkg's output
     */
    static void install(ProvisioningContext ctx, Root root, String name, FailureReason reason) {
        run(ctx, root, "install -y " + name, reason);
    }

    /** {@code pkg upgrade -y NAME} as root. */
    static void upgrade(ProvisioningContext ctx, Root root, String name, FailureReason reason) {
        run(ctx, root, "upgrade -y " + name, reason);
    }

    private static void run(ProvisioningContext ctx, Root root, String args, FailureReason reason) {
        CommandResult r = ctx.connection().run(root.run("pkg " + args), ctx.timeouts().install());
        if (!r.succeeded()) {
            throw new StepFailedException(reason, "pkg " + args + " failed: " + ctx.redact(r.tail()),
                    "A fresh FreeBSD has only pkg's bootstrap: run `pkg bootstrap -y` as root once.");
        }
    }
}
