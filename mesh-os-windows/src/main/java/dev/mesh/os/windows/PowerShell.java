package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Quoting;
import java.time.Duration;

/**
 * Runs PowerShell scripts on a Windows host. Every script goes out as
 * {@code powershell -NoProfile -NonInteractive -EncodedCommand <base64>}, which cmd.exe, PowerShell
 * and a Unix shell all pass through untouched, so no value is ever quoted for cmd.exe. Values inside
 * scripts are PowerShell literals ({@link #literal}).
 */
final class PowerShell {
    /**
     * Put before every script: progress bars would arrive as CLIXML noise on stderr over SSH (and slow
     * Invoke-WebRequest down), and output should be UTF-8 as mesh-core decodes it.
     */
    static final String PREAMBLE = "$ProgressPreference = 'SilentlyContinue'\n"
            + "try { [Console]::OutputEncoding = New-Object System.Text.UTF8Encoding $false } catch { }\n";

    /** cmd.exe refuses longer command lines. */
    static final int COMMAND_LINE_LIMIT = 8191;

    private PowerShell() {
    }

    /** The command line that runs {@code script}. */
    static String command(String script) {
        String line = Quoting.powerShellEncoded(PREAMBLE + script);
        if (line.length() > COMMAND_LINE_LIMIT) {
            throw new IllegalStateException("PowerShell script too long for a cmd.exe command line ("
                    + line.length() + " characters)");
        }
        return line;
    }

    static CommandResult run(ProvisioningContext ctx, String script, Duration timeout) {
        return ctx.connection().run(command(script), timeout);
    }

    /** Runs {@code script} with {@code stdin} on its standard input (a secret the script reads; nothing when empty). */
    static CommandResult run(ProvisioningContext ctx, String script, byte[] stdin, Duration timeout) {
        return stdin.length == 0 ? run(ctx, script, timeout) : ctx.connection().run(command(script), stdin, timeout);
    }

    /** Runs {@code script} under the ordinary command timeout. */
    static CommandResult run(ProvisioningContext ctx, String script) {
        return run(ctx, script, ctx.timeouts().command());
    }

    /** A PowerShell single-quoted literal. */
    static String literal(String value) {
        return Quoting.powerShellLiteral(value);
    }

    /** Standard output without surrounding whitespace, carriage returns or a byte-order mark. */
    static String output(CommandResult result) {
        return result.stdout().replace("\uFEFF", "").replace("\r", "").strip();
    }

    /** What to show a person when a script failed, with any secret masked. */
    static String failure(CommandResult result, ProvisioningContext ctx) {
        return ctx.redact(result.combinedOutput().replace("\r", ""));
    }
}
