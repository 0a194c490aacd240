package dev.mesh.os.macos;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/** Homebrew's tailscaled is a root daemon: starting it and driving its CLI needs sudo without a prompt. */
final class SudoCheck {
    static final String COMMAND = "sudo -n true";

    private SudoCheck() {
    }

    static void require(ProvisioningContext ctx) {
        CommandResult result = ctx.connection().run(COMMAND, ctx.timeouts().command());
        if (!result.succeeded()) {
            throw new StepFailedException(FailureReason.SUDO_PASSWORD_REQUIRED,
                    "sudo -n true failed for " + ctx.host().user() + ": " + ctx.redact(result.combinedOutput()));
        }
    }
}
