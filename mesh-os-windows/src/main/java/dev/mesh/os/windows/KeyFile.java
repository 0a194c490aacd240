package dev.mesh.os.windows;

import dev.mesh.api.Quoting;
import dev.mesh.api.tailscale.TailscaleArguments;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

/**
 * The auth key's way to {@code tailscale up} on Windows, where the CLI cannot read standard input
 * as a file: Windows has no {@code /dev/stdin}, and {@code CONIN$} is the console's input buffer,
 * which an SSH exec channel does not feed. So one PowerShell script reads the key from its own
 * standard input (the SSH channel; the key is in no command line and was not uploaded), writes it to
 * a fresh, unguessable file in the script directory (which only Administrators and SYSTEM can read;
 * new files inherit that), runs {@code up --auth-key=file:THAT}, and deletes the file in
 * {@code finally}. In case the script itself is killed (a dropped connection, a stopped service), a
 * one-shot scheduled task, registered before the file is written, deletes the file as SYSTEM when
 * {@code up} must have ended, then deletes itself.
 *
 * @param path the key file, e.g. {@code C:\ProgramData\mesh\mesh-key-<32 hex>.key}
 * @param task the cleanup task's name, {@code mesh-key-cleanup-<32 hex>}
 * @param life how long the file may exist at the most: the cleanup task runs then
 */
record KeyFile(String path, String task, Duration life) {
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The cleanup runs this long after {@code up}'s own timeout, so it never races a live {@code up}. */
    static final Duration CLEANUP_MARGIN = Duration.ofMinutes(2);

    /** A new key file in {@code dir} for an {@code up} that may run for {@code timeout}. */
    static KeyFile in(String dir, Duration timeout) {
        byte[] bytes = new byte[16];
        RANDOM.nextBytes(bytes);
        String id = HexFormat.of().formatHex(bytes);
        return new KeyFile(WindowsPaths.join(dir, "mesh-key-" + id + ".key"), "mesh-key-cleanup-" + id,
                timeout.plus(CLEANUP_MARGIN));
    }

    /** What the cleanup task runs: delete the file, then the task. */
    String cleanup() {
        return "Remove-Item -LiteralPath " + PowerShell.literal(path) + " -Force -ErrorAction SilentlyContinue\n"
                + "Unregister-ScheduledTask -TaskName " + PowerShell.literal(task) + " -Confirm:$false -ErrorAction SilentlyContinue";
    }

    /** The script that runs {@code tailscale ARGS} with the key read from standard input into this file. */
    String script(List<String> args) {
        List<String> withFile = args.stream()
                .map(a -> a.equals(TailscaleArguments.AUTH_KEY_FROM_STDIN) ? "--auth-key=file:" + path : a).toList();
        String cleanupArgs = Quoting.powerShellEncoded(cleanup()).substring("powershell ".length());
        return String.join("\n",
                "$keyFile = " + PowerShell.literal(path),
                "$task = " + PowerShell.literal(task),
                "$code = 1",
                "try {",
                "  $key = [Console]::In.ReadToEnd().Trim()",
                "  $action = New-ScheduledTaskAction -Execute 'powershell.exe' -Argument " + PowerShell.literal(cleanupArgs),
                "  $trigger = New-ScheduledTaskTrigger -Once -At (Get-Date).AddSeconds(" + life.toSeconds() + ")",
                "  Register-ScheduledTask -TaskName $task -Action $action -Trigger $trigger -User 'SYSTEM' -Force"
                        + " -ErrorAction Stop | Out-Null",
                "  [IO.File]::WriteAllText($keyFile, $key)",
                "  & " + PowerShell.literal(WindowsTailscale.EXE) + " " + WindowsTailscale.arguments(withFile),
                "  $code = $LASTEXITCODE",
                "} finally {",
                "  Remove-Item -LiteralPath $keyFile -Force -ErrorAction SilentlyContinue",
                "  Unregister-ScheduledTask -TaskName $task -Confirm:$false -ErrorAction SilentlyContinue",
                "}",
                "exit $code");
    }
}
