package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.TailscaleStatus;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * CONNECTING on Windows: the key goes into a file only Administrators and SYSTEM can read, then
 * {@code tailscale up --unattended} runs up to {@code connect-attempts} times with a service restart
 * in between; the key file is deleted whatever happens. When every attempt failed, the operator gets
 * {@code join-mesh.ps1} to run by hand ({@link ManualJoinScript}).
 */
final class Connector {
    static final String KEY_FILE = "tailscale-auth.key";
    /** Extra time over tailscale's own --timeout before the SSH command is abandoned. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    private Connector() {
    }

    static ConnectResult connect(ProvisioningContext ctx, WindowsSettings settings) {
        WindowsAcl.protectDirectory(ctx, settings.scriptDir());
        String keyFile = WindowsPaths.join(settings.scriptDir(), KEY_FILE);
        int attempts = settings.connectAttempts();
        String lastFailure = "";
        try {
            ctx.connection().upload(ctx.authKey().toFileContent(), WindowsPaths.sftp(keyFile), 0600);
            WindowsAcl.protectFiles(ctx, List.of(keyFile));
            Duration timeout = ctx.timeouts().connect();
            String up = TailscaleCli.call(TailscaleCli.upArguments(ctx.loginServer(), keyFile, timeout));
            for (int attempt = 1; attempt <= attempts; attempt++) {
                ctx.listener().info("tailscale up --unattended (attempt " + attempt + " of " + attempts + ")");
                CommandResult result = PowerShell.run(ctx, up, timeout.plus(MARGIN));
                if (result.succeeded()) {
                    ctx.listener().ok("Connected to the mesh on attempt " + attempt);
                    return new ConnectResult.Connected("tailscale up --unattended succeeded on attempt " + attempt);
                }
                lastFailure = PowerShell.failure(result, ctx);
                if (runningHere(ctx)) {
                    ctx.listener().ok("tailscale up reported a failure, but tailscaled is Running on this login server");
                    return new ConnectResult.Connected("tailscaled Running after attempt " + attempt);
                }
                ctx.listener().warn("Attempt " + attempt + " of " + attempts + " failed: " + firstLine(lastFailure));
                if (attempt < attempts) {
                    restartService(ctx, settings.serviceRestartWait());
                }
            }
        } finally {
            delete(ctx, keyFile);
        }
        return ManualJoinScript.write(ctx, settings, attempts, lastFailure);
    }

    static String restartScript(Duration wait) {
        return "Restart-Service -Name Tailscale -Force -ErrorAction Stop\n"
                + (wait.isZero() ? "" : "Start-Sleep -Milliseconds " + wait.toMillis() + "\n") + "'restarted'";
    }

    static String deleteScript(String file) {
        String path = PowerShell.literal(file);
        return "Remove-Item -LiteralPath " + path + " -Force -ErrorAction SilentlyContinue\n"
                + "if (Test-Path -LiteralPath " + path + ") { 'still there'; exit 1 }\n'deleted'";
    }

    private static boolean runningHere(ProvisioningContext ctx) {
        Optional<TailscaleCli.Reading> reading = TailscaleCli.status(ctx);
        if (reading.isEmpty() || !reading.get().status().running()
                || !TailscaleStatus.isTailscaleIpv4(reading.get().status().ipv4())) {
            return false;
        }
        String server = ctx.loginServer().toString();
        return TailscaleCli.controlUrl(ctx).map(url -> TailscaleCli.sameServer(url, server)).orElse(true);
    }

    private static void restartService(ProvisioningContext ctx, Duration wait) {
        ctx.listener().info("Restarting the Tailscale service before the next attempt");
        CommandResult result = PowerShell.run(ctx, restartScript(wait));
        if (!result.succeeded()) {
            ctx.listener().warn("Could not restart the Tailscale service: " + firstLine(PowerShell.failure(result, ctx)));
        }
    }

    /** Best effort: a failure here must not hide the step's own outcome, but the operator must know. */
    static void delete(ProvisioningContext ctx, String file) {
        try {
            CommandResult result = PowerShell.run(ctx, deleteScript(file));
            if (result.succeeded()) {
                return;
            }
        } catch (RuntimeException e) {
            // reported below
        }
        ctx.listener().warn("Could not delete the key file " + file + " on " + ctx.host().address() + "; delete it by hand");
    }

    static String firstLine(String text) {
        return text.lines().map(String::strip).filter(l -> !l.isEmpty()).findFirst().orElse("(no output)");
    }
}
