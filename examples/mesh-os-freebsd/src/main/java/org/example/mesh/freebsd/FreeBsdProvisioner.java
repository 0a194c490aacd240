package org.example.mesh.freebsd;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatusReport;
import dev.mesh.api.OsProvisioner;
import dev.mesh.api.PluginConfig;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.SpiVersion;
import dev.mesh.api.StatusReport;
import dev.mesh.api.SyncthingSupport;
import dev.mesh.api.tailscale.TailscaleReport;
import dev.mesh.api.tailscale.TailscaleStatus;
import java.util.List;

/**
 * Provisions FreeBSD hosts: Tailscale from pkg ({@code pkg install -y tailscale}, {@code sysrc
 * tailscaled_enable=YES}, {@code service tailscaled start}), joined by mesh-api's shared Tailscale steps
 * with the key on {@code up}'s standard input, and Syncthing from pkg as an rc.d service. Root through
 * {@link Root}. Settings: {@link FreeBsdSettings}.
 */
public final class FreeBsdProvisioner implements OsProvisioner, SyncthingSupport, HostStatusReport {

    @Override
    public String id() {
        return "freebsd";
    }

    @Override
    public String family() {
        return "freebsd";
    }

    @Override
    public int spiVersion() {
        return SpiVersion.CURRENT;
    }

    @Override
    public FreeBsdSettings validate(PluginConfig config) {
        return FreeBsdSettings.from(config);
    }

    /** Root first (every later step needs it), then whether the package is there and the node joined. */
    @Override
    public Preflight inspect(ProvisioningContext ctx) {
        Root.of(ctx);
        if (!Pkg.installed(ctx, "tailscale")) {
            return Preflight.notInstalled("Tailscale not installed (pkg)");
        }
        return FreeBsdTailscale.on(ctx).preflight("Tailscale (pkg)");
    }

    @Override
    public void installTailscale(ProvisioningContext ctx) {
        Root root = Root.of(ctx);
        ctx.listener().info("Installing Tailscale with pkg");
        Pkg.install(ctx, root, "tailscale", FailureReason.TAILSCALE_INSTALL_FAILED);
        ctx.listener().ok("Tailscale installed; " + RcService.TAILSCALED.enableAndStart(ctx, root,
                FailureReason.TAILSCALED_NOT_RUNNING));
    }

    @Override
    public ConnectResult connect(ProvisioningContext ctx) {
        return FreeBsdTailscale.on(ctx).connect(List.of());
    }

    @Override
    public TailscaleStatus verify(ProvisioningContext ctx) {
        return FreeBsdTailscale.on(ctx).verify();
    }

    @Override
    public boolean installSyncthing(ProvisioningContext ctx) {
        return FreeBsdSyncthing.install(ctx);
    }

    /** {@code mesh remote status}: read-only; the node through mesh-api's shared report, Syncthing from pkg. */
    @Override
    public StatusReport statusReport(ProvisioningContext ctx) {
        TailscaleReport tailscale = Pkg.installed(ctx, "tailscale") ? FreeBsdTailscale.on(ctx).report()
                : TailscaleReport.notInstalled();
        boolean syncthing = Pkg.installed(ctx, "syncthing");
        boolean running = syncthing && ctx.connection().run(FreeBsdSyncthing.OTHER_PROCESS, ctx.timeouts().command())
                .succeeded();
        return StatusReport.builder(tailscale).syncthing(syncthing, running).build();
    }
}
