package dev.mesh.os.macos;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
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
import dev.mesh.api.SharedShell;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.time.Duration;

/**
 * Provisions Macs: Tailscale from Homebrew with tailscaled as a system daemon (or an already
 * installed Tailscale app's CLI), joined with the key on {@code up}'s standard input, Syncthing from
 * Homebrew. Each step lives in its own class; this one only dispatches. Settings: {@link MacSettings}.
 */
public final class MacProvisioner implements OsProvisioner, SyncthingSupport, HostLocking, SyncthingPairing, SharedShell,
        HostStatusReport, NodeRemoval {

    @Override
    public String id() {
        return "macos";
    }

    @Override
    public String family() {
        return "macos";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public MacSettings validate(PluginConfig config) {
        return MacSettings.from(config);
    }

    @Override
    public String lockCommand(ProvisioningContext ctx, Duration wait) {
        return MacHostLock.command(wait);
    }

    @Override
    public Preflight inspect(ProvisioningContext ctx) {
        return MacInspection.inspect(ctx);
    }

    @Override
    public void installTailscale(ProvisioningContext ctx) {
        MacTailscaleInstaller.install(ctx);
    }

    @Override
    public ConnectResult connect(ProvisioningContext ctx) {
        return MacConnector.connect(ctx);
    }

    @Override
    public TailscaleStatus verify(ProvisioningContext ctx) {
        return MacTailscale.locate(ctx).orElseThrow(() -> new StepFailedException(FailureReason.VERIFY_FAILED,
                "the Tailscale CLI is not on " + ctx.host().address())).tailscale().verify();
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return MacSyncthingInstaller.install(ctx);
    }

    @Override
    public SyncthingResponse syncthingApi(ProvisioningContext ctx, SyncthingRequest request) {
        return MacSyncthingApi.call(ctx, request);
    }

    @Override
    public StatusReport statusReport(ProvisioningContext ctx) {
        return MacStatusAndRemoval.status(ctx);
    }

    @Override
    public RemovalReport removeNode(ProvisioningContext ctx, RemovalOptions options) {
        return MacStatusAndRemoval.remove(ctx, options);
    }
}
