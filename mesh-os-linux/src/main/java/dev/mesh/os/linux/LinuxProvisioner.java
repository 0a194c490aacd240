package dev.mesh.os.linux;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostLocking;
import dev.mesh.api.HostPreparation;
import dev.mesh.api.HostStatusReport;
import dev.mesh.api.NodeRemoval;
import dev.mesh.api.RemovalOptions;
import dev.mesh.api.RemovalReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.SharedShell;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.time.Duration;

/**
 * Provisions Linux hosts over SSH. Each state of the sequence is one class: {@link PrepareStep},
 * {@link HostLockStep},
 * {@link InspectStep}, {@link InstallTailscaleStep}, {@link ConnectStep}, {@link InstallSyncthingStep},
 * {@link StatusStep} ({@code mesh remote status}), {@link RemoveStep} ({@code mesh remote remove});
 * VERIFYING is mesh-api's shared check over {@link LinuxTailscale}. Settings: {@code mesh.plugins.linux}
 * ({@link LinuxSettings}, defaults in reference.conf), read once by {@link #validate}.
 */
public final class LinuxProvisioner implements OsProvisioner, SyncthingSupport, HostPreparation, HostLocking,
        SyncthingPairing, HostStatusReport, NodeRemoval, SharedShell {

    @Override
    public String id() {
        return "linux";
    }

    @Override
    public String family() {
        return LinuxDetector.FAMILY;
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public LinuxSettings validate(PluginConfig config) {
        return LinuxSettings.from(config);
    }

    @Override
    public boolean prepare(ProvisioningContext ctx, Secret sudoPassword) {
        return PrepareStep.run(ctx, sudoPassword);
    }

    @Override
    public String lockCommand(ProvisioningContext ctx, Duration wait) {
        return HostLockStep.command(wait);
    }

    @Override
    public Preflight inspect(ProvisioningContext ctx) {
        try {
            return InspectStep.run(ctx);
        } catch (dev.mesh.api.StepFailedException e) {
            throw ConnectStep.staleWhenRefused(e);
        }
    }

    @Override
    public void installTailscale(ProvisioningContext ctx) {
        InstallTailscaleStep.run(ctx);
    }

    @Override
    public ConnectResult connect(ProvisioningContext ctx) {
        return ConnectStep.run(ctx);
    }

    @Override
    public TailscaleStatus verify(ProvisioningContext ctx) {
        return LinuxTailscale.of(ctx).verify();
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return InstallSyncthingStep.run(ctx);
    }

    @Override
    public SyncthingResponse syncthingApi(ProvisioningContext ctx, SyncthingRequest request) {
        return LinuxSyncthingApi.call(ctx, request);
    }

    @Override
    public StatusReport statusReport(ProvisioningContext ctx) {
        return StatusStep.run(ctx);
    }

    @Override
    public RemovalReport removeNode(ProvisioningContext ctx, RemovalOptions options) {
        return RemoveStep.run(ctx, options);
    }
}
