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

    /**
     * Nothing was installed yet, so the failure is PREFLIGHT's own ("Could not check the host"), with this
     * hint in place of the generic one; the detail names the account and the host.
     */
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
            throw new StepFailedException(FailureReason.PREFLIGHT_FAILED,
                    "could not check whether " + account + " is an administrator: " + PowerShell.failure(result, ctx), HINT);
        }
        if (!"True".equalsIgnoreCase(PowerShell.output(result))) {
            throw new StepFailedException(FailureReason.PREFLIGHT_FAILED,
                    "the SSH account " + account + " is not an elevated administrator on " + ctx.host().address(), HINT);
        }
        ctx.listener().ok(account + " is an administrator");
    }
}
