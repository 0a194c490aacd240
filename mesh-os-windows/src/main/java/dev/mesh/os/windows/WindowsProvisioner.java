package dev.mesh.os.windows;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostStatus;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.TailscaleStatus;

/**
 * Provisions Windows hosts reached through Windows OpenSSH: Tailscale from winget, joined with
 * {@code tailscale up --unattended} (server mode, so tailscaled keeps the login after the SSH
 * session ends), the auth key in a file only Administrators and SYSTEM can read, and Syncthing
 * started at boot by a scheduled task. Each step lives in its own class; this one only dispatches.
 */
public final class WindowsProvisioner implements OsProvisioner {

    @Override
    public String id() {
        return "windows";
    }

    @Override
    public String family() {
        return "windows";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public void validate(PluginConfig config) {
        WindowsSettings.from(config);
    }

    @Override
    public HostStatus inspect(ProvisioningContext ctx) {
        return Inspection.inspect(ctx, WindowsSettings.from(ctx.config()));
    }

    @Override
    public void installTailscale(ProvisioningContext ctx) {
        TailscaleInstaller.install(ctx);
    }

    @Override
    public ConnectResult connect(ProvisioningContext ctx) {
        return Connector.connect(ctx, WindowsSettings.from(ctx.config()));
    }

    @Override
    public TailscaleStatus verify(ProvisioningContext ctx) {
        return Verifier.verify(ctx);
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return SyncthingInstaller.install(ctx);
    }
}
