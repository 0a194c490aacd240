package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * The Tailscale service (tailscaled on Windows, service name {@code Tailscale}): started as INSTALLING
 * starts it, then checked to be still running {@code service-check} later; when it is not, the
 * failure shows what the Service Control Manager logged about it (System event log: service
 * terminated, failed to start), the Windows service's log.
 */
final class WindowsService {
    static final String NAME = "Tailscale";
    static final String START = String.join("\n",
            "$service = Get-Service -Name " + NAME + " -ErrorAction Stop",
            "if ($service.Status -ne 'Running') { Start-Service -Name " + NAME + " -ErrorAction Stop }",
            "$service.WaitForStatus('Running', [TimeSpan]::FromSeconds(30))",
            "'Running'");
    /** The last ten Service Control Manager events naming Tailscale, oldest first. */
    static final String EVENTS = String.join("\n",
            "Get-WinEvent -FilterHashtable @{LogName='System'; ProviderName='Service Control Manager'} -MaxEvents 200"
                    + " -ErrorAction SilentlyContinue | Where-Object { $_.Message -like '*" + NAME + "*' }"
                    + " | Select-Object -First 10 | Sort-Object TimeCreated"
                    + " | ForEach-Object { $_.TimeCreated.ToString('s') + ' ' + $_.Message }");

    private WindowsService() {
    }

    /** After {@code wait}: {@code Running}, or the service's status. */
    static String checkScript(long waitMillis) {
        return (waitMillis == 0 ? "" : "Start-Sleep -Milliseconds " + waitMillis + "\n")
                + "(Get-Service -Name " + NAME + " -ErrorAction Stop).Status.ToString()";
    }

    /**
     * Starts the service and checks it stays up.
     *
     * @return what was done
     * @throws StepFailedException TAILSCALED_NOT_RUNNING with the service's answer and its events
     */
    static String start(ProvisioningContext ctx) {
        CommandResult start = PowerShell.run(ctx, START);
        if (!start.succeeded()) {
            throw fail(ctx, "the Tailscale service does not start: " + PowerShell.failure(start, ctx));
        }
        long wait = ctx.settings(WindowsSettings.class).serviceCheck().toMillis();
        CommandResult check = PowerShell.run(ctx, checkScript(wait), ctx.timeouts().command().plusMillis(wait));
        String status = PowerShell.output(check);
        if (!check.succeeded() || !status.equals("Running")) {
            throw fail(ctx, "the Tailscale service is " + (status.isEmpty() ? "not running" : status) + " " + wait / 1000.0
                    + " s after it was started");
        }
        return "the Tailscale service started";
    }

    private static StepFailedException fail(ProvisioningContext ctx, String what) {
        String events = PowerShell.output(PowerShell.run(ctx, EVENTS));
        return new StepFailedException(FailureReason.TAILSCALED_NOT_RUNNING, ctx.redact(what
                + "\nService Control Manager events:\n" + (events.isEmpty() ? "(none)" : events)),
                "Look at the Tailscale service in services.msc and the System event log on the host.");
    }
}
