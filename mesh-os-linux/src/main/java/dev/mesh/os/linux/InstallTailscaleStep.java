package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.tailscale.ClientMinimum;
import dev.mesh.api.tailscale.Tailscale;
import dev.mesh.api.tailscale.TailscaleVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * INSTALLING: installs Tailscale with Tailscale's install script (downloaded on the host) or from
 * a package the operator supplies (uploaded from the operator's machine), checks that the client it
 * installed is one this run's Headscale accepts, then makes sure tailscaled runs
 * ({@link TailscaledService}). PREFLIGHT upgrades an old client the same way ({@link #reinstall}).
 */
final class InstallTailscaleStep {
    private InstallTailscaleStep() {
    }

    static void run(ProvisioningContext ctx) {
        install(ctx);
        Tailscale tailscale = LinuxTailscale.of(ctx);
        Optional<TailscaleVersion> installed = tailscale.clientVersion();
        ctx.listener().ok("Tailscale " + installed.map(TailscaleVersion::toString).orElseGet(tailscale::version) + " installed");
        installed.ifPresent(v -> requireAccepted(ctx, v));
        ctx.listener().ok(TailscaledService.start(LinuxShell.of(ctx), ctx));
    }

    /**
     * Installs again with the configured method, which upgrades an installed client (install.sh and
     * apt-get install both take the newest, or the pinned version).
     *
     * @return what was done
     */
    static String reinstall(ProvisioningContext ctx) {
        install(ctx);
        LinuxSettings settings = ctx.settings(LinuxSettings.class);
        return "installed again with install.method = " + settings.installMethod().name().toLowerCase(java.util.Locale.ROOT)
                + (settings.installMethod() == LinuxSettings.InstallMethod.UPLOAD
                ? " (" + settings.uploadFile().orElseThrow().getFileName() + ")" : " (" + settings.scriptUrl() + ")");
    }

    private static void install(ProvisioningContext ctx) {
        LinuxSettings settings = ctx.settings(LinuxSettings.class);
        LinuxShell shell = LinuxShell.of(ctx);
        CommandResult install = switch (settings.installMethod()) {
            case SCRIPT -> viaScript(shell, settings, ctx);
            case UPLOAD -> viaUpload(shell, settings, ctx);
        };
        if (!install.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED, install.tail());
        }
        LinuxTailscale.forget(ctx);
        // A failed download piped into sh leaves sh an empty script, which "succeeds": check the result.
        if (LinuxTailscale.locate(ctx).isEmpty()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "the installer finished but `tailscale` is not on the PATH; its output:\n" + install.tail());
        }
    }

    /**
     * The installed client must be one this run's Headscale accepts (the key is minted by now; the
     * run ends here, before {@code up}, rather than fail at login).
     */
    private static void requireAccepted(ProvisioningContext ctx, TailscaleVersion installed) {
        Optional<TailscaleVersion> oldest = ctx.headscaleVersion().flatMap(ClientMinimum::forHeadscale);
        if (oldest.isPresent() && installed.olderThan(oldest.get())) {
            throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "the install method installed Tailscale "
                    + installed + ", older than " + oldest.get() + ", the oldest client Headscale "
                    + ctx.headscaleVersion().orElseThrow() + " accepts",
                    "Point mesh.plugins.linux.install at Tailscale " + oldest.get() + " or newer (install.version, or a"
                            + " newer upload-file), then run mesh again.");
        }
    }

    /** {@code curl -fsSL URL | sudo -n [TRACK=..] [TAILSCALE_VERSION=..] sh}, or the helper's pinned install. */
    static String scriptCommand(LinuxShell shell, LinuxSettings settings) {
        return shell.command(RootCommand.installTailscaleScript(settings));
    }

    private static CommandResult viaScript(LinuxShell shell, LinuxSettings settings, ProvisioningContext ctx) {
        Duration timeout = ctx.timeouts().install();
        if ("apt".equals(ctx.os().packageManager())) {
            ctx.listener().info("Waiting (up to " + settings.aptLockTimeout().toSeconds() + " s) for other apt runs to finish");
            CommandResult lock = shell.run(RootCommand.aptWaitForLock(settings), timeout);
            if (!lock.succeeded()) {
                throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                        "apt is busy or broken:\n" + lock.tail());
            }
        }
        ctx.listener().info("Running Tailscale's install script from " + settings.scriptUrl());
        return shell.run(scriptCommand(shell, settings), timeout);
    }

    private static CommandResult viaUpload(LinuxShell shell, LinuxSettings settings, ProvisioningContext ctx) {
        Path local = settings.uploadFile().orElseThrow();
        LinuxSettings.UploadKind kind = LinuxSettings.UploadKind.of(local).orElseThrow();
        byte[] content;
        try {
            content = Files.readAllBytes(local);
        } catch (IOException e) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "cannot read " + local.toAbsolutePath() + " on this machine: " + e.getMessage());
        }
        String remote = TempPath.unique("mesh-tailscale-", kind.suffix);
        ctx.listener().info("Uploading " + local.getFileName() + " to " + remote);
        UploadedFile.register(ctx, remote, "uploaded installer");
        try {
            ctx.connection().upload(content, remote, 0644);
            return shell.run(uploadInstallCommand(shell, settings, kind, remote), ctx.timeouts().install());
        } finally {
            UploadedFile.remove(shell, remote, "uploaded installer", ctx);
        }
    }

    /** How an uploaded file is installed; apt-get (not dpkg -i) so dependencies and the lock wait work. */
    static String uploadInstallCommand(LinuxShell shell, LinuxSettings settings, LinuxSettings.UploadKind kind,
                                       String remote) {
        return shell.command(RootCommand.installTailscaleUpload(settings, kind, remote));
    }
}
