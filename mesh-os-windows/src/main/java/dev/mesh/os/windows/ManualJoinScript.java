package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.TailscaleArguments;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * The fallback when every {@code tailscale up} over SSH failed: {@code join-mesh.ps1} plus a
 * single-use, short-lived key in {@code join-mesh.key} next to it, both readable only by
 * Administrators and SYSTEM. A person runs it later, so this key has to wait in a file: it is
 * written by a script that reads it from the SSH channel (not uploaded), and expires with
 * {@code manual-key-expiration}. The script does what mesh did ({@code --unattended}, key read
 * through {@code --auth-key=file:}), logs to {@code join-mesh.log} and deletes the key file when it
 * ends. The key is in no command line, script text or log.
 */
final class ManualJoinScript {
    static final String SCRIPT = "join-mesh.ps1";
    static final String KEY = "join-mesh.key";
    static final String LOG = "join-mesh.log";

    private ManualJoinScript() {
    }

    /** @param up the arguments of {@code up} for the script (mesh-api's {@code Tailscale.manualUpArguments}) */
    static ConnectResult write(ProvisioningContext ctx, WindowsSettings settings, int attempts, String lastFailure,
                               List<String> up) {
        String dir = settings.scriptDir();
        String script = WindowsPaths.join(dir, SCRIPT);
        String keyFile = WindowsPaths.join(dir, KEY);
        String log = WindowsPaths.join(dir, LOG);
        ctx.listener().warn("tailscale up failed " + attempts + " time(s); writing " + script + " to run by hand");
        Secret key = ctx.mintSingleUseKey(settings.manualKeyExpiration());
        try {
            CommandResult written = PowerShell.run(ctx, writeKeyScript(keyFile), key.toInput(), ctx.timeouts().command());
            if (!written.succeeded()) {
                throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED,
                        "could not write " + keyFile + ": " + PowerShell.failure(written, ctx));
            }
            ctx.connection().upload(utf8WithBom(text(ctx, settings, keyFile, log, up)), WindowsPaths.sftp(script), 0600);
            WindowsAcl.protectFiles(ctx, List.of(keyFile, script));
        } catch (RuntimeException e) {
            Connector.delete(ctx, keyFile);
            throw e;
        }
        String command = command(script);
        return ConnectResult.manualStepNeeded("Joining over SSH failed " + attempts + " time(s) (last error: "
                + Connector.firstLine(lastFailure) + ").\n"
                + "On " + ctx.host().address() + ", open an elevated prompt (Run as administrator) and run:\n"
                + "  " + command + "\n"
                + "The script and its single-use key (valid for " + human(settings.manualKeyExpiration()) + ") are in "
                + dir + ", readable only by Administrators and SYSTEM. It logs to " + log
                + " and deletes the key when it ends; if the key has expired, run mesh again.");
    }

    /** Writes the key it reads on standard input to {@code keyFile}, in the protected script directory. */
    static String writeKeyScript(String keyFile) {
        return "[IO.File]::WriteAllText(" + PowerShell.literal(keyFile) + ", [Console]::In.ReadToEnd().Trim())\n'written'";
    }

    /** What the operator types. */
    static String command(String script) {
        return "powershell -ExecutionPolicy Bypass -File " + WindowsPaths.forCommandLine(script);
    }

    /** The script; it names the key file, never the key. */
    static String text(ProvisioningContext ctx, WindowsSettings settings, String keyFile, String log, List<String> upArgs) {
        String tailscale = PowerShell.literal(WindowsTailscale.EXE);
        List<String> up = upArgs.stream()
                .map(a -> a.equals(TailscaleArguments.AUTH_KEY_FROM_STDIN) ? "--auth-key=file:" + keyFile : a).toList();
        String wait = Long.toString(Math.max(1, settings.serviceRestartWait().toSeconds()));
        return String.join("\r\n",
                "# join-mesh.ps1: joins this machine to the mesh at " + ctx.loginServer() + ". Written by mesh.",
                "# Run it from an elevated prompt: " + command(WindowsPaths.join(settings.scriptDir(), SCRIPT)),
                "# It reads a single-use key from " + keyFile + ", logs to " + log + " and deletes the key file when it ends.",
                "$log = " + PowerShell.literal(log),
                "$keyFile = " + PowerShell.literal(keyFile),
                "function Write-Log([string]$message) {",
                "  $line = (Get-Date -Format 'yyyy-MM-dd HH:mm:ss') + ' ' + $message",
                "  Write-Output $line",
                "  Add-Content -LiteralPath $log -Value $line",
                "}",
                "if (-not " + AdministratorCheck.SCRIPT + ") {",
                "  Write-Log 'Not elevated: run this script from an elevated prompt (Run as administrator).'",
                "  exit 1",
                "}",
                "$code = 1",
                "try {",
                "  Write-Log 'Restarting the Tailscale service'",
                "  Restart-Service -Name Tailscale -Force -ErrorAction Stop",
                "  Start-Sleep -Seconds " + wait,
                "  Write-Log 'Running tailscale up --unattended'",
                "  & " + tailscale + " " + WindowsTailscale.arguments(up) + " 2>&1 | ForEach-Object { Write-Log ([string]$_) }",
                "  $code = $LASTEXITCODE",
                "  if ($code -eq 0) {",
                "    & " + tailscale + " ip 2>&1 | ForEach-Object { Write-Log ('Tailscale address: ' + [string]$_) }",
                "    Write-Log 'Joined the mesh'",
                "  } else {",
                "    Write-Log ('tailscale up failed with exit code ' + $code + '; run mesh again for a new key')",
                "  }",
                "} catch {",
                "  Write-Log ('Failed: ' + $_.Exception.Message)",
                "} finally {",
                "  Remove-Item -LiteralPath $keyFile -Force -ErrorAction SilentlyContinue",
                "  Write-Log 'Deleted the key file'",
                "}",
                "exit $code",
                "");
    }

    /** Windows PowerShell 5.1 reads a script without a byte-order mark in the ANSI code page. */
    private static byte[] utf8WithBom(String text) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    static String human(Duration d) {
        if (d.toMinutes() % 60 == 0) {
            return d.toHours() + "h";
        }
        return d.toMinutes() + "m";
    }
}
