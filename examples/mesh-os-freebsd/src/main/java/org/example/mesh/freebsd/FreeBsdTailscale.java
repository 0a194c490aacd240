package org.example.mesh.freebsd;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleCli;
import dev.mesh.api.tailscale.TailscaleHost;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * FreeBSD's part of mesh-api's Tailscale steps ({@link Tailscale}: status, preferences, {@code up}'s
 * flags, the joined decision, verify): how the CLI runs, and what the OS does around it. The
 * security/tailscale package puts the CLI in {@code /usr/local/bin} and tailscaled under rc.d; tailscaled's
 * socket is root's, so the CLI runs as root ({@link Root}). {@code up} reads the key from
 * {@code /dev/stdin} (devfs has it), which sudo and doas pass through: it is in no command line and no file.
 */
record FreeBsdTailscale(ProvisioningContext ctx, Root root) implements TailscaleCli, TailscaleHost {
    static final String CLI = "/usr/local/bin/tailscale";

    static Tailscale on(ProvisioningContext ctx) {
        FreeBsdTailscale os = new FreeBsdTailscale(ctx, Root.of(ctx));
        return Tailscale.on(ctx, os, os);
    }

    @Override
    public CommandResult run(List<String> args, byte[] stdin, Duration timeout) {
        String command = root.run(CLI + " " + args.stream().map(Quoting::shArgument).collect(Collectors.joining(" ")));
        return stdin.length == 0 ? ctx.connection().run(command, timeout) : ctx.connection().run(command, stdin, timeout);
    }

    @Override
    public String startDaemon() {
        return RcService.TAILSCALED.enableAndStart(ctx, root, FailureReason.TAILSCALED_NOT_RUNNING);
    }

    @Override
    public String upgradeClient(TailscaleVersion installed, TailscaleVersion needed) {
        Pkg.upgrade(ctx, root, "tailscale", FailureReason.TAILSCALE_TOO_OLD);
        RcService.TAILSCALED.restart(ctx, root, FailureReason.TAILSCALE_TOO_OLD);
        return "upgraded with pkg";
    }
}
