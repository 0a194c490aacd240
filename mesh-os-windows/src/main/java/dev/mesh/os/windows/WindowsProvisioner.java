package dev.mesh.os.windows;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostLocking;
import dev.mesh.api.HostStatusReport;
import dev.mesh.api.NodeRemoval;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.RemovalOptions;
import dev.mesh.api.RemovalReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.time.Duration;

/**
 * Provisions Windows hosts reached through Windows OpenSSH: Tailscale from winget, joined with
 * {@code tailscale up --unattended} (server mode, so tailscaled keeps the login after the SSH
 * session ends), the auth key read from the SSH channel into a short-lived file only Administrators
 * and SYSTEM can read ({@link KeyFile}), and Syncthing started at boot by a scheduled task. Each step
 * lives in its own class; this one only dispatches. Settings: {@link WindowsSettings}.
 */
public final class WindowsProvisioner implements OsProvisioner, SyncthingSupport, HostLocking, SyncthingPairing,
        HostStatusReport, NodeRemoval {

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
    public WindowsSettings validate(PluginConfig config) {
        return WindowsSettings.from(config);
    }

    @Override
    public String lockCommand(ProvisioningContext ctx, Duration wait) {
        return WindowsHostLock.command(ctx, wait);
    }

    @Override
    public Preflight inspect(ProvisioningContext ctx) {
        return Inspection.inspect(ctx);
    }

    @Override
    public void installTailscale(ProvisioningContext ctx) {
        TailscaleInstaller.install(ctx);
    }

    @Override
    public ConnectResult connect(ProvisioningContext ctx) {
        return Connector.connect(ctx);
    }

    @Override
    public TailscaleStatus verify(ProvisioningContext ctx) {
        return WindowsTailscale.of(ctx).verify();
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return SyncthingInstaller.install(ctx);
    }

    @Override
    public SyncthingResponse syncthingApi(ProvisioningContext ctx, SyncthingRequest request) {
        return WindowsSyncthingApi.call(ctx, request);
    }

    @Override
    public StatusReport statusReport(ProvisioningContext ctx) {
        return WindowsStatusAndRemoval.status(ctx);
    }

    @Override
    public RemovalReport removeNode(ProvisioningContext ctx, RemovalOptions options) {
        return WindowsStatusAndRemoval.remove(ctx, options);
    }
}
