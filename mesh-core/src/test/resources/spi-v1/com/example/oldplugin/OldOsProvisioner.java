package com.example.oldplugin;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.HostStatus;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.TailscaleStatus;
import java.util.List;
import java.util.Map;

/** A provisioner written for plugin SPI 1: one method per state, records built with their constructors. */
public final class OldOsProvisioner implements OsProvisioner {
    @Override
    public String id() {
        return "oldos";
    }

    @Override
    public String family() {
        return "oldos";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public HostStatus inspect(ProvisioningContext ctx) {
        return new HostStatus(false, false, "Tailscale not installed");
    }

    @Override
    public void installTailscale(ProvisioningContext ctx) {
        ctx.connection().upload(ctx.authKey().toFileContent(), "/tmp/key", 0600);
    }

    @Override
    public ConnectResult connect(ProvisioningContext ctx) {
        return new ConnectResult.Connected("tailscale up succeeded");
    }

    @Override
    public TailscaleStatus verify(ProvisioningContext ctx) {
        Map<String, Object> json = ctx.parseJsonObject("{}");
        return new TailscaleStatus("Running", List.of("100.64.0.1"), "old", true);
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return false;
    }
}
