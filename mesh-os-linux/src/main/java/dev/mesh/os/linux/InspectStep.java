package dev.mesh.os.linux;

import dev.mesh.api.FailureReason;
import dev.mesh.api.Preflight;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientMinimum;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;

/**
 * PREFLIGHT: establishes everything {@code tailscale up} needs before any key is minted. Root
 * commands can run without a password (and a prepared host's helper was prepared for this run's
 * login server, preferences and settings); the CLI root runs is the one found ({@link LinuxTailscale#locate});
 * a host without Tailscale has a TUN device (or userspace networking is set) and is not pinned to a
 * version Headscale refuses; on a host with Tailscale, mesh-api's shared steps start tailscaled,
 * upgrade an old client and decide whether it is joined ({@link LinuxTailscaleHost}).
 */
final class InspectStep {
    private InspectStep() {
    }

    static Preflight run(ProvisioningContext ctx) {
        LinuxShell shell = LinuxShell.of(ctx);
        checkPrivileges(shell, ctx);
        if (LinuxTailscale.locate(ctx).isEmpty()) {
            LinuxSettings settings = ctx.settings(LinuxSettings.class);
            if (!settings.userspaceNetworking()) {
                TailscaledService.requireTun(shell, ctx);
            }
            requirePinnedVersionAccepted(settings, ctx);
            return Preflight.notInstalled("Tailscale not installed");
        }
        return LinuxTailscale.of(ctx).preflight("Tailscale");
    }

    private static void checkPrivileges(LinuxShell shell, ProvisioningContext ctx) {
        LinuxShell.Access access = shell.access();
        switch (access.privilege()) {
            case ROOT -> ctx.listener().info("Logged in as root: sudo is not needed");
            case SUDO -> ctx.listener().ok("sudo works without a password");
            case HELPER -> {
                ctx.listener().ok("Prepared host: root commands go through " + RootHelper.PATH);
                requireHelperFor(access.helperPins(), ctx);
            }
            case NONE -> throw LinuxShell.noRoot(access);
        }
    }

    /**
     * The helper refuses what it was not prepared for: fail now, before a key is minted, naming what
     * differs (mesh-api's HELPER_STALE row says to run prepare again).
     */
    private static void requireHelperFor(Optional<RootHelper.Pins> found, ProvisioningContext ctx) {
        RootHelper.Pins pins = found.orElseThrow(() -> stale("the host's mesh helper was prepared by an older mesh,"
                + " which pins no login server"));
        String server = ctx.loginServer().toString();
        if (pins.loginServer().isEmpty()) {
            ctx.listener().warn("The host's mesh helper was prepared without a login server: it lets tailscale up use any"
                    + " http(s) login server. Run `mesh remote prepare` with the login server to pin it.");
        } else if (!pins.loginServer().equals(server)) {
            throw stale("the host's mesh helper was prepared for the login server " + pins.loginServer()
                    + "; this run uses " + server);
        }
        LinuxSettings settings = ctx.settings(LinuxSettings.class);
        if (pins.userspace() != settings.userspaceNetworking()) {
            throw stale("the host's mesh helper was prepared with userspace-networking = " + pins.userspace()
                    + "; this run has " + settings.userspaceNetworking());
        }
        if (ctx.preferences().reset() && !pins.reset()) {
            throw stale("this run asks to reset the node's preferences; the host's mesh helper was prepared without reset");
        }
        List<String> notPinned = ctx.preferences().flags().stream().filter(f -> !pins.preferences().contains(f)).toList();
        if (!notPinned.isEmpty()) {
            throw stale("the host's mesh helper was not prepared for " + String.join(" ", notPinned)
                    + " (it allows: " + (pins.preferences().isEmpty() ? "no preference" : String.join(" ", pins.preferences())) + ")");
        }
        try {
            if (!pins.install().equals(RootHelper.installPin(settings))) {
                ctx.listener().warn("The host's mesh helper was prepared with other install settings; run `mesh remote"
                        + " prepare` again if installing or upgrading Tailscale fails");
            }
        } catch (UncheckedIOException e) {
            // the install step reports an unreadable upload file
        }
    }

    private static StepFailedException stale(String detail) {
        return new StepFailedException(FailureReason.HELPER_STALE, detail);
    }

    /** An install pinned to a version ({@code install.version}) that this run's Headscale refuses fails now, before the key. */
    private static void requirePinnedVersionAccepted(LinuxSettings settings, ProvisioningContext ctx) {
        Optional<TailscaleVersion> pinned = TailscaleVersion.parse(settings.version());
        Optional<TailscaleVersion> oldest = ctx.headscaleVersion().flatMap(ClientMinimum::forHeadscale);
        if (pinned.isPresent() && oldest.isPresent() && pinned.get().olderThan(oldest.get())) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "mesh.plugins.linux.install.version pins Tailscale "
                    + pinned.get() + ", older than " + oldest.get() + ", the oldest client Headscale "
                    + ctx.headscaleVersion().orElseThrow() + " accepts",
                    "Set mesh.plugins.linux.install.version to " + oldest.get() + " or newer (or \"\" for the latest).");
        }
    }
}
