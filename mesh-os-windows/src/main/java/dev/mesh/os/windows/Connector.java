package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.tailscale.Tailscale;
import java.time.Duration;
import java.util.List;

/**
 * CONNECTING on Windows: {@code tailscale up --unattended} up to {@code connect-attempts} times with a
 * service restart in between, the key each time from the SSH channel into a short-lived file only
 * Administrators and SYSTEM can read ({@link KeyFile}, in the script directory, restricted first).
 * When every attempt failed, the operator gets {@code join-mesh.ps1} to run by hand ({@link ManualJoinScript}).
 */
final class Connector {
    /** Windows only: server mode, so tailscaled keeps the login after this SSH session, its last client, ends. */
    static final List<String> OS_FLAGS = List.of("--unattended");

    private Connector() {
    }

    static ConnectResult connect(ProvisioningContext ctx) {
        WindowsSettings settings = ctx.settings(WindowsSettings.class);
        WindowsAcl.protectDirectory(ctx, settings.scriptDir());
        Tailscale tailscale = WindowsTailscale.of(ctx);
        List<String> up = tailscale.upArguments(OS_FLAGS);
        int attempts = settings.connectAttempts();
        String lastFailure = "";
        for (int attempt = 1; attempt <= attempts; attempt++) {
            ctx.listener().info("tailscale up --unattended (attempt " + attempt + " of " + attempts + ")");
            CommandResult result = tailscale.up(up);
            if (result.succeeded()) {
                ctx.listener().ok("Connected to the mesh on attempt " + attempt);
                tailscale.afterUp();
                return ConnectResult.connected("tailscale up --unattended succeeded on attempt " + attempt);
            }
            lastFailure = PowerShell.failure(result, ctx);
            if (tailscale.joinedHere()) {
                ctx.listener().ok("tailscale up reported a failure, but tailscaled is Running on this login server");
                tailscale.afterUp();
                return ConnectResult.connected("tailscaled Running after attempt " + attempt);
            }
            ctx.listener().warn("Attempt " + attempt + " of " + attempts + " failed: " + firstLine(lastFailure));
            if (attempt < attempts) {
                restartService(ctx, settings.serviceRestartWait());
            }
        }
        return ManualJoinScript.write(ctx, settings, attempts, lastFailure, tailscale.manualUpArguments(OS_FLAGS));
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
