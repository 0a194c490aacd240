package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * Homebrew's tailscaled is a root daemon: starting it and driving its CLI needs sudo without a prompt.
 * macOS has no {@code mesh remote prepare}, so the failure carries its own hint instead of
 * {@link FailureReason#SUDO_PASSWORD_REQUIRED}'s default one; a sudo that fails for another reason
 * (not a password prompt) is PREFLIGHT's own failure with sudo's words.
 */
final class SudoCheck {
    static final String COMMAND = "sudo -n true";

    static final String HINT = "Homebrew's tailscaled runs as root, so mesh needs sudo without a password on macOS"
            + " (mesh remote prepare is Linux-only): add a NOPASSWD rule for the account with `sudo visudo -f"
            + " /etc/sudoers.d/mesh`, or install the Tailscale app (Mac App Store or pkgs.tailscale.com), whose"
            + " CLI mesh drives without sudo; then run mesh again.";

    private SudoCheck() {
    }

    static void require(ProvisioningContext ctx) {
        CommandResult result = ctx.connection().probe(COMMAND, ctx.timeouts().command());
        if (result.succeeded()) {
            return;
        }
        String output = ctx.redact(result.combinedOutput()).strip();
        boolean prompt = output.contains("password is required") || output.contains("a terminal is required");
        throw new StepFailedException(prompt ? FailureReason.SUDO_PASSWORD_REQUIRED : FailureReason.PREFLIGHT_FAILED,
                COMMAND + " failed for " + ctx.host().user() + " (exit " + result.exitCode() + "): "
                        + (output.isEmpty() ? "no output" : output), HINT);
    }
}
