package dev.mesh.os.macos;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostStatus;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.TailscaleStatus;

/**
 * Provisions Macs: Tailscale from Homebrew with tailscaled as a system daemon (or an already
 * installed Tailscale app's CLI), joined with the key read from a 0600 file, Syncthing from Homebrew.
 * Each step lives in its own class; this one only dispatches.
 */
public final class MacProvisioner implements OsProvisioner {

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
    public HostStatus inspect(ProvisioningContext ctx) {
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
        return MacVerifier.verify(ctx);
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return MacSyncthingInstaller.install(ctx);
    }
}
