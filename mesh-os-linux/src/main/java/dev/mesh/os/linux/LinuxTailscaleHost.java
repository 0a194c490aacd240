package dev.mesh.os.linux;

import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.tailscale.ConnectionPath;
import dev.mesh.api.tailscale.TailscaleHost;
import dev.mesh.api.tailscale.TailscaleVersion;

/**
 * Linux's part of mesh-api's Tailscale steps: tailscaled is started as INSTALLING starts it
 * ({@link TailscaledService}), the client is upgraded with the configured install method
 * ({@link InstallTailscaleStep#reinstall}), and mesh's connection is read from {@code SSH_CONNECTION}
 * and the kernel's routing tables ({@link LinuxNetwork}).
 */
final class LinuxTailscaleHost implements TailscaleHost {
    private final ProvisioningContext ctx;

    LinuxTailscaleHost(ProvisioningContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String startDaemon() {
        return TailscaledService.start(LinuxShell.of(ctx), ctx);
    }

    @Override
    public String upgradeClient(TailscaleVersion installed, TailscaleVersion needed) {
        return InstallTailscaleStep.reinstall(ctx);
    }

    @Override
    public ConnectionPath connectionPath() {
        return LinuxNetwork.connectionPath(LinuxShell.of(ctx));
    }
}
