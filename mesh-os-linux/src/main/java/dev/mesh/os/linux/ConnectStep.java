package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import java.net.URI;
import java.time.Duration;

/**
 * CONNECTING: {@code tailscale up} with the auth key read from a file ({@code --auth-key=file:}),
 * so the key never appears on a command line. The file is uploaded with mode 0600 and always
 * removed afterwards, whether {@code up} worked or not.
 */
final class ConnectStep {
    /** Extra time over tailscale's own {@code --timeout} before the SSH command is abandoned. */
    static final Duration MARGIN = Duration.ofSeconds(15);

    private ConnectStep() {
    }

    static ConnectResult run(ProvisioningContext ctx) {
        LinuxShell shell = LinuxShell.of(ctx);
        Secret key = ctx.authKey();
        boolean forceReauth = onAnotherServer(new TailscaleCli(shell, ctx), ctx);
        if (forceReauth) {
            ctx.listener().info("tailscaled is logged in to another login server: re-authenticating with --force-reauth");
        }
        String keyFile = TempPath.unique("mesh-authkey-", "");
        try {
            ctx.connection().upload(key.toFileContent(), keyFile, 0600);
            Duration timeout = ctx.timeouts().connect();
            CommandResult up = shell.run(upCommand(shell, ctx.loginServer(), keyFile, timeout, forceReauth),
                    timeout.plus(MARGIN));
            if (!up.succeeded()) {
                // The key is not in argv, so it cannot be echoed; redact anyway in case a future CLI prints the file.
                throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED,
                        LinuxShell.tail(up).replace(key.reveal(), "****"));
            }
        } finally {
            UploadedFile.remove(shell, keyFile, "auth key file", ctx);
        }
        ctx.listener().ok("Connected to " + ctx.loginServer());
        return new ConnectResult.Connected("tailscale up --login-server=" + ctx.loginServer() + " succeeded");
    }

    /**
     * A Running node on a different control server refuses a new {@code --login-server} without
     * {@code --force-reauth} ("can't change --login-server without --force-reauth").
     */
    private static boolean onAnotherServer(TailscaleCli tailscale, ProvisioningContext ctx) {
        return tailscale.status().status().running()
                && ControlUrl.compare(tailscale.controlUrl(), ctx.loginServer()) == ControlUrl.Match.OTHER;
    }

    /** The complete flag set ({@code --reset}), every value quoted. */
    static String upCommand(LinuxShell shell, URI loginServer, String keyFile, Duration timeout, boolean forceReauth) {
        return shell.command(RootCommand.tailscaleUp(loginServer, keyFile, timeout, forceReauth));
    }
}
