package dev.mesh.os.windows;

import dev.mesh.api.HostLocking;
import dev.mesh.api.ProvisioningContext;
import java.time.Duration;

/**
 * HOST_LOCKING on Windows: {@code mesh.lock} in the script directory, opened with
 * {@code FileShare.None} (an exclusive handle: any other open fails with a sharing violation) by the
 * PowerShell process that then reads its standard input to the end. Windows closes the handle when
 * the process ends, so the lock goes with the run: when mesh closes the input, and when the SSH
 * session ends (sshd closes the pipe). Waiting polls every 250 ms until the deadline.
 */
final class WindowsHostLock {
    static final String FILE = "mesh.lock";

    private WindowsHostLock() {
    }

    static String command(ProvisioningContext ctx, Duration wait) {
        String path = WindowsPaths.join(ctx.settings(WindowsSettings.class).scriptDir(), FILE);
        return PowerShell.command(String.join("\n",
                "$path = " + PowerShell.literal(path),
                "$null = New-Item -ItemType Directory -Force -Path (Split-Path -Parent $path)",
                "$deadline = [DateTime]::UtcNow.AddSeconds(" + Math.max(0, wait.toSeconds()) + ")",
                "$lock = $null; $waiting = $false",
                "function Say($line) { [Console]::Out.WriteLine($line); [Console]::Out.Flush() }",
                "while ($null -eq $lock) {",
                "  try { $lock = [System.IO.File]::Open($path, 'OpenOrCreate', 'ReadWrite', 'None') }",
                "  catch [System.IO.IOException] {",
                "    if ([DateTime]::UtcNow -ge $deadline) { Say '" + HostLocking.BUSY + "'; exit 75 }",
                "    if (-not $waiting) { Say '" + HostLocking.WAITING + "'; $waiting = $true }",
                "    Start-Sleep -Milliseconds 250",
                "  }",
                "}",
                "Say '" + HostLocking.HELD + "'",
                "while ($null -ne [Console]::In.ReadLine()) { }",
                "$lock.Dispose()"));
    }
}
