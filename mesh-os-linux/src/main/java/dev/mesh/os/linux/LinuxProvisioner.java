package dev.mesh.os.linux;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostStatus;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.Secret;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.TailscaleStatus;

/**
 * Provisions Linux hosts over SSH. Each state of the sequence is one class: {@link PrepareStep}, {@link InspectStep},
 * {@link InstallTailscaleStep}, {@link ConnectStep}, {@link VerifyStep}, {@link InstallSyncthingStep}.
 * Settings: {@code mesh.plugins.linux} ({@link LinuxSettings}, defaults in reference.conf).
 */
public final class LinuxProvisioner implements OsProvisioner {

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
    public void validate(PluginConfig config) {
        LinuxSettings.from(config);
    }

    @Override
    public boolean prepare(ProvisioningContext ctx, Secret sudoPassword) {
        return PrepareStep.run(ctx, sudoPassword);
    }

    @Override
    public HostStatus inspect(ProvisioningContext ctx) {
        return InspectStep.run(ctx);
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
        return VerifyStep.run(ctx);
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return InstallSyncthingStep.run(ctx);
    }
}
