package dev.mesh.os.linux;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * INSTALLING: installs Tailscale with Tailscale's install script (downloaded on the host) or from
 * a package the operator supplies (uploaded from the operator's machine), then makes sure
 * tailscaled runs ({@link TailscaledService}).
 */
final class InstallTailscaleStep {
    private InstallTailscaleStep() {
    }

    static void run(ProvisioningContext ctx) {
        LinuxSettings settings = ctx.settings(LinuxSettings.class);
        LinuxShell shell = LinuxShell.of(ctx);
        CommandResult install = switch (settings.installMethod()) {
            case SCRIPT -> viaScript(shell, settings, ctx);
            case UPLOAD -> viaUpload(shell, settings, ctx);
        };
        if (!install.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED, install.tail());
        }
        // A failed download piped into sh leaves sh an empty script, which "succeeds": check the result.
        if (!new LinuxTailscale(shell).installed()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "the installer finished but `tailscale` is not on the PATH; its output:\n" + install.tail());
        }
        ctx.listener().ok("Tailscale " + LinuxTailscale.of(ctx).version() + " installed");
        TailscaledService.ensureRunning(shell, ctx);
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
