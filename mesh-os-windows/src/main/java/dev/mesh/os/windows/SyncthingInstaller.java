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
 * (S4U: no stored password), with no run-time limit (the default stops tasks after 72 hours). A
 * Syncthing the account already runs otherwise (a {@code syncthing.exe} of its own, another scheduled
 * task running Syncthing or SyncTrayzor) is left alone, since a second instance cannot take its
 * database lock. After starting the task, Syncthing must still run {@code service-check} later; when
 * it does not, the failure shows the task's last result and the end of Syncthing's log
 * ({@code %LOCALAPPDATA%\Syncthing\syncthing.log}, where Syncthing logs on Windows by default).
 */
final class SyncthingInstaller {
    static final String PACKAGE = "Syncthing.Syncthing";
    static final String TASK = "Syncthing";
    /** This account's {@code syncthing.exe} processes (-IncludeUserName needs the elevation mesh has). */
    static final String OWN_PROCESS = "$own = [Security.Principal.WindowsIdentity]::GetCurrent().Name\n"
            + "$p = Get-Process -Name syncthing -IncludeUserName -ErrorAction SilentlyContinue"
            + " | Where-Object { $_.UserName -eq $own } | Select-Object -First 1";
    /**
     * Prints {@code exe=<path or nothing>}, {@code task=True|False}, {@code process=<pid or nothing>}
     * and {@code othertask=<name or nothing>}. winget links portable apps under WinGet\Links.
     */
    static final String PROBE = String.join("\n",
            "$links = @((Join-Path $env:ProgramFiles 'WinGet\\Links\\syncthing.exe'), (Join-Path $env:LOCALAPPDATA 'Microsoft\\WinGet\\Links\\syncthing.exe'))",
            "$exe = $links | Where-Object { Test-Path -LiteralPath $_ } | Select-Object -First 1",
            "if (-not $exe) {",
            "  $roots = @((Join-Path $env:ProgramFiles 'WinGet\\Packages'), (Join-Path $env:LOCALAPPDATA 'Microsoft\\WinGet\\Packages'))",
            "  $exe = Get-ChildItem -Path $roots -Filter syncthing.exe -Recurse -ErrorAction SilentlyContinue"
                    + " | Select-Object -First 1 -ExpandProperty FullName",
            "}",
            "'exe=' + $exe",
            "'task=' + [bool](Get-ScheduledTask -TaskName '" + TASK + "' -ErrorAction SilentlyContinue)",
            OWN_PROCESS,
            "'process=' + $(if ($p) { $p.Id } else { '' })",
            "$other = Get-ScheduledTask -ErrorAction SilentlyContinue | Where-Object { $_.TaskName -ne '" + TASK + "' -and"
                    + " @($_.Actions | Where-Object { $_.Execute -like '*syncthing*' -or $_.Execute -like '*SyncTrayzor*' }).Count"
                    + " -gt 0 } | Select-Object -First 1",
            "'othertask=' + $(if ($other) { $other.TaskPath + $other.TaskName } else { '' })");

    private SyncthingInstaller() {
    }

    static boolean install(ProvisioningContext ctx) {
        Map<String, String> found = probe(ctx);
        String other = found.getOrDefault("othertask", "");
        String process = found.getOrDefault("process", "");
        boolean ourTask = "True".equalsIgnoreCase(found.getOrDefault("task", ""));
        if (!other.isEmpty() || !process.isEmpty() && !ourTask) {
            ctx.listener().ok("Syncthing already runs for " + ctx.host().user() + " ("
                    + ctx.redact(other.isEmpty() ? "syncthing.exe, pid " + process : "the scheduled task " + other)
                    + "); mesh leaves it alone and registers no task of its own (a second instance could not take its"
                    + " database lock)");
            return false;
        }
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
        if (!ourTask || process.isEmpty()) {
            CommandResult result = PowerShell.run(ctx, ourTask ? START : taskScript(exe));
            if (!result.succeeded()) {
                throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED,
                        "could not " + (ourTask ? "start" : "register") + " the scheduled task that starts Syncthing at boot: "
                                + PowerShell.failure(result, ctx),
                        "Look at Task Scheduler on the host, or rerun with --skip-syncthing.");
            }
            checkRunning(ctx);
            changed = true;
        }
        ctx.listener().ok(changed ? "Syncthing installed and running, started at boot by the scheduled task " + TASK
                : "Syncthing already installed, running and started at boot");
        return changed;
    }

    static final String START = "Start-ScheduledTask -TaskName '" + TASK + "' -ErrorAction Stop\n'started'";

    /** After the wait: {@code running}, or {@code stopped}, the task's last result and the end of Syncthing's log. */
    static String checkScript(long waitMillis) {
        return String.join("\n",
                waitMillis == 0 ? "" : "Start-Sleep -Milliseconds " + waitMillis,
                OWN_PROCESS,
                "if ($p) { 'running'; exit 0 }",
                "'stopped; the task''s last result: ' + (Get-ScheduledTaskInfo -TaskName '" + TASK + "' -ErrorAction"
                        + " SilentlyContinue).LastTaskResult",
                "$log = Join-Path $env:LOCALAPPDATA 'Syncthing\\syncthing.log'",
                "if (Test-Path -LiteralPath $log) { $log + ':'; Get-Content -LiteralPath $log -Tail 20 }",
                "exit 1");
    }

    private static void checkRunning(ProvisioningContext ctx) {
        long wait = ctx.settings(WindowsSettings.class).serviceCheck().toMillis();
        CommandResult r = PowerShell.run(ctx, checkScript(wait), ctx.timeouts().command().plusMillis(wait));
        String out = PowerShell.output(r);
        if (!r.succeeded() || !out.equals("running")) {
            throw new StepFailedException(FailureReason.SYNCTHING_INSTALL_FAILED, ctx.redact("Syncthing is not running "
                    + wait / 1000.0 + " s after its task started it: " + (out.isEmpty() ? PowerShell.failure(r, ctx) : out)),
                    "Look at the task " + TASK + " in Task Scheduler and Syncthing's log on the host, or rerun with --skip-syncthing.");
        }
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

    static Map<String, String> probe(ProvisioningContext ctx) {
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
