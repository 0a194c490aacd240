package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.HashMap;
import java.util.Map;

/**
 * SYNCTHING on Windows. winget's {@code Syncthing.Syncthing} is a portable zip with no service, so a
 * scheduled task starts {@code syncthing.exe --no-console --no-browser} at boot, as the SSH account
 * (S4U: no stored password), with no run-time limit (the default stops tasks after 72 hours).
 */
final class SyncthingInstaller {
    static final String PACKAGE = "Syncthing.Syncthing";
    static final String TASK = "Syncthing";
    /** Prints {@code exe=<path or nothing>} and {@code task=True|False}. winget links portable apps under WinGet\Links. */
    static final String PROBE = String.join("\n",
            "$links = @((Join-Path $env:ProgramFiles 'WinGet\\Links\\syncthing.exe'), (Join-Path $env:LOCALAPPDATA 'Microsoft\\WinGet\\Links\\syncthing.exe'))",
            "$exe = $links | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1",
            "if (-not $exe) {",
            "  $roots = @((Join-Path $env:ProgramFiles 'WinGet\\Packages'), (Join-Path $env:LOCALAPPDATA 'Microsoft\\WinGet\\Packages'))",
            "  $exe = Get-ChildItem -Path $roots -Filter syncthing.exe -Recurse -ErrorAction SilentlyContinue"
                    + " | Select-Object -First 1 -ExpandProperty FullName",
            "}",
            "'exe=' + $exe",
            "'task=' + [bool](Get-ScheduledTask -TaskName '" + TASK + "' -ErrorAction SilentlyContinue)");

    private SyncthingInstaller() {
    }

    static boolean install(ProvisioningContext ctx) {
        Map<String, String> found = probe(ctx);
        boolean changed = false;
        String exe = found.getOrDefault("exe", "");
        if (exe.isEmpty()) {
            Winget.require(ctx, FailureReason.SYNCTHING_INSTALL_FAILED, "rerun with --skip-syncthing");
            ctx.listener().info("Installing Syncthing with winget");
            CommandResult result = Winget.install(ctx, PACKAGE);
            exe = probe(ctx).getOrDefault("exe", "");
            if (exe.isEmpty()) {
                throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED,
                        "winget did not install Syncthing (exit " + result.exitCode() + "): " + PowerShell.failure(result, ctx));
            }
            changed = true;
        }
        if (!"True".equalsIgnoreCase(found.getOrDefault("task", ""))) {
            CommandResult result = PowerShell.run(ctx, taskScript(exe));
            if (!result.succeeded()) {
                throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED,
                        "could not register the scheduled task that starts Syncthing at boot: " + PowerShell.failure(result, ctx),
                        "Look at Task Scheduler on the host, or rerun with --skip-syncthing.");
            }
            changed = true;
        }
        ctx.listener().ok(changed ? "Syncthing installed, started at boot by the scheduled task " + TASK
                : "Syncthing already installed and started at boot");
        return changed;
    }

    static String taskScript(String exe) {
        return String.join("\n",
                "$action = New-ScheduledTaskAction -Execute " + PowerShell.literal(exe) + " -Argument '--no-console --no-browser'",
                "$trigger = New-ScheduledTaskTrigger -AtStartup",
                "$principal = New-ScheduledTaskPrincipal -UserId ([Security.Principal.WindowsIdentity]::GetCurrent().Name)"
                        + " -LogonType S4U -RunLevel Limited",
                "$settings = New-ScheduledTaskSettingsSet -ExecutionTimeLimit ([TimeSpan]::Zero) -AllowStartIfOnBatteries"
                        + " -DontStopIfGoingOnBatteries -RestartCount 3 -RestartInterval (New-TimeSpan -Minutes 1)",
                "Register-ScheduledTask -TaskName '" + TASK + "' -Description 'Syncthing, started headless at boot (set up by mesh)'"
                        + " -Action $action -Trigger $trigger -Principal $principal -Settings $settings -Force -ErrorAction Stop | Out-Null",
                "Start-ScheduledTask -TaskName '" + TASK + "' -ErrorAction Stop",
                "'registered'");
    }

    private static Map<String, String> probe(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, PROBE);
        if (!result.succeeded()) {
            throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED,
                    "could not look for Syncthing: " + PowerShell.failure(result, ctx));
        }
        Map<String, String> values = new HashMap<>();
        for (String line : PowerShell.output(result).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                values.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
            }
        }
        return values;
    }
}
