package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/**
 * Preflight: the SSH account must be an elevated administrator, or neither winget's machine-wide
 * install nor {@code tailscale up --unattended} can work. Windows OpenSSH gives administrators an
 * elevated session, so the role check on the current token is the right test.
 */
final class AdministratorCheck {
    static final String SCRIPT = "([Security.Principal.WindowsPrincipal][Security.Principal.WindowsIdentity]::GetCurrent())"
            + ".IsInRole([Security.Principal.WindowsBuiltInRole]::Administrator)";

    /** mesh-api has no reason for missing privileges on Windows; installing is what fails without them. */
    static final String HINT = "Connect as a member of the local Administrators group: Windows OpenSSH gives"
            + " administrators an elevated session (their public keys go in"
            + " C:\\ProgramData\\ssh\\administrators_authorized_keys). mesh needs it to install Tailscale and"
            + " to run tailscale up --unattended.";

    private AdministratorCheck() {
    }

    static void require(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, SCRIPT);
        String account = ctx.host().user();
        if (!result.succeeded()) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "could not check whether " + account + " is an administrator: " + PowerShell.failure(result, ctx), HINT);
        }
        if (!"True".equalsIgnoreCase(PowerShell.output(result))) {
            throw new StepFailedException(FailureReason.TAILSCALE_INSTALL_FAILED,
                    "the SSH account " + account + " is not an elevated administrator on " + ctx.host().address(), HINT);
        }
        ctx.listener().ok(account + " is an administrator");
    }
}
