package org.example.mesh.freebsd;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * An rc.d service of a package (rc.subr(8)): enabled with {@code sysrc NAME_enable=YES} so it starts at
 * boot, started with {@code service NAME start}. Its exit code is not trusted: rc.subr prints "Cannot
 * 'start' NAME. Set NAME_enable to YES ..." and returns 0 for a service not enabled, and a daemon(8)
 * whose child dies at once has still "started". So {@code service NAME status} decides ("NAME is
 * running as pid N.", exit 0; "NAME is not running.", exit 1).
 *
 * @param name the rc.d script's name, e.g. {@code tailscaled}
 */
record RcService(String name) {
    static final RcService TAILSCALED = new RcService("tailscaled");
    static final RcService SYNCTHING = new RcService("syncthing");

    boolean running(ProvisioningContext ctx, Root root) {
        return service(ctx, root, "status").succeeded();
    }

    /**
     * Enables the service and starts it unless it runs.
     *
     * @return what was done, e.g. {@code tailscaled enabled and started (service tailscaled start)}
     * @throws StepFailedException with {@code reason}: sysrc's answer, or service's when it still does not run
     */
    String enableAndStart(ProvisioningContext ctx, Root root, FailureReason reason) {
        CommandResult enable = ctx.connection().run(root.run("sysrc " + name + "_enable=YES"), ctx.timeouts().command());
        if (!enable.succeeded()) {
            throw new StepFailedException(reason, "sysrc " + name + "_enable=YES failed: " + ctx.redact(enable.tail()));
        }
        if (running(ctx, root)) {
            return name + " enabled (already running)";
        }
        CommandResult start = service(ctx, root, "start");
        CommandResult status = service(ctx, root, "status");
        if (!status.succeeded()) {
            throw new StepFailedException(reason, ctx.redact("service " + name + " start: " + answer(start)
                    + "; service " + name + " status: " + answer(status)),
                    "Look at /var/log/messages on the host for " + name + "'s own words.");
        }
        return name + " enabled and started (service " + name + " start)";
    }

    /** {@code service NAME restart}, checked with status. */
    void restart(ProvisioningContext ctx, Root root, FailureReason reason) {
        CommandResult restart = service(ctx, root, "restart");
        if (!running(ctx, root)) {
            throw new StepFailedException(reason, ctx.redact("service " + name + " restart: " + answer(restart)));
        }
    }

    private CommandResult service(ProvisioningContext ctx, Root root, String verb) {
        return ctx.connection().run(root.run("service " + name + " " + verb), ctx.timeouts().command());
    }

    private static String answer(CommandResult r) {
        return r.tail().replace('\n', ' ');
    }
}
