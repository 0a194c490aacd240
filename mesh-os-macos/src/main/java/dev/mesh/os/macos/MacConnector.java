package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import dev.mesh.api.StepFailedException;
import java.time.Duration;

/**
 * CONNECTING on macOS: the key goes into a mode-0600 file in a fresh private directory (mktemp -d,
 * so nobody can plant a file or link there first), {@code tailscale up --auth-key=file:...} reads it,
 * and the directory is removed whatever happens.
 */
final class MacConnector {
    static final String MKTEMP = "mktemp -d /tmp/mesh.XXXXXX";
    static final Duration MARGIN = Duration.ofSeconds(30);

    private MacConnector() {
    }

    static ConnectResult connect(ProvisioningContext ctx) {
        MacTailscale.Cli cli = MacTailscale.locate(ctx).orElseThrow(() -> new StepFailedException(
                FailureReason.TAILSCALE_CONNECT_FAILED, "the Tailscale CLI is not on " + ctx.host().address()));
        CommandResult made = ctx.connection().run(MKTEMP, ctx.timeouts().command());
        String dir = made.out();
        if (!made.succeeded() || !dir.matches("/[A-Za-z0-9._/-]+")) {
            throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED,
                    "could not create a private directory for the key file: " + Redaction.output(made, ctx));
        }
        String keyFile = dir + "/auth.key";
        try {
            ctx.connection().upload(ctx.authKey().toFileContent(), keyFile, 0600);
            Duration timeout = ctx.timeouts().connect();
            CommandResult up = ctx.connection().run(cli.command(MacTailscale.upArguments(ctx.loginServer(), keyFile, timeout)),
                    timeout.plus(MARGIN));
            if (!up.succeeded()) {
                throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED, Redaction.output(up, ctx));
            }
        } finally {
            remove(ctx, dir);
        }
        ctx.listener().ok("Connected to the mesh");
        return new ConnectResult.Connected("tailscale up succeeded");
    }

    static String removeCommand(String dir) {
        return "rm -rf " + Quoting.sh(dir);
    }

    private static void remove(ProvisioningContext ctx, String dir) {
        try {
            if (ctx.connection().run(removeCommand(dir), ctx.timeouts().command()).succeeded()) {
                return;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        ctx.listener().warn("Could not delete " + dir + " (it holds the key file) on " + ctx.host().address() + "; delete it by hand");
    }
}
