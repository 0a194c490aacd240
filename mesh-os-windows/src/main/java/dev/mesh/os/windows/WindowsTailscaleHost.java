package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ConnectionPath;
import dev.mesh.api.tailscale.TailscaleHost;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.util.List;

/**
 * Windows' part of mesh-api's Tailscale steps: the Tailscale service is started as INSTALLING starts
 * it ({@link WindowsService}), the client is upgraded with winget (the install method), mesh's
 * connection is read from {@code SSH_CONNECTION} (Windows OpenSSH sets it too) and
 * {@code Get-NetIPAddress}, and {@code up} always gets {@code --unattended}.
 */
final class WindowsTailscaleHost implements TailscaleHost {
    private static final String MARK = "@@mesh:prefixes";
    static final String PATH = "$env:SSH_CONNECTION\n'" + MARK + "'\n"
            + "Get-NetIPAddress -ErrorAction SilentlyContinue | ForEach-Object { $_.IPAddress + '/' + $_.PrefixLength }";

    private final ProvisioningContext ctx;

    WindowsTailscaleHost(ProvisioningContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String startDaemon() {
        return WindowsService.start(ctx);
    }

    @Override
    public String upgradeClient(TailscaleVersion installed, TailscaleVersion needed) {
        CommandResult r = Winget.upgrade(ctx, TailscaleInstaller.PACKAGE);
        if (!WindowsTailscale.installed(ctx)) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "winget upgrade left no Tailscale (exit "
                    + r.exitCode() + "): " + PowerShell.failure(r, ctx));
        }
        return "upgraded with winget (exit " + r.exitCode() + ")";
    }

    @Override
    public List<String> osFlags() {
        return Connector.OS_FLAGS;
    }

    @Override
    public ConnectionPath connectionPath() {
        String out = PowerShell.output(PowerShell.run(ctx, PATH));
        int mark = out.indexOf(MARK);
        if (mark < 0) {
            return ConnectionPath.of("", "", List.of());
        }
        List<String> prefixes = out.substring(mark + MARK.length()).lines().map(String::strip).filter(l -> !l.isEmpty())
                .toList();
        return ConnectionPath.fromSshConnection(out.substring(0, mark).strip(), prefixes);
    }
}
