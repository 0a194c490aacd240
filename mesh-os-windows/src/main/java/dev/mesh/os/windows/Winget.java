package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;

/** The Windows Package Manager, as mesh uses it: present or not, and silent installs by exact id. */
final class Winget {
    static final String PRESENT = "if (Get-Command winget -ErrorAction SilentlyContinue) { 'present' } else { 'missing' }";

    private Winget() {
    }

    /** Throws with {@code reason} and a hint to install App Installer or {@code fallback} when winget is missing. */
    static void require(ProvisioningContext ctx, FailureReason reason, String fallback) {
        CommandResult result = PowerShell.run(ctx, PRESENT);
        if (!result.succeeded() || !"present".equals(PowerShell.output(result))) {
            throw new StepFailedException(reason, "winget is not available to " + ctx.host().user() + " on " + ctx.host().address(),
                    "Install App Installer (which provides winget) from the Microsoft Store, or " + fallback
                            + ", then run mesh again.");
        }
    }

    /** The script that installs {@code packageId} from the winget source without any prompt. */
    static String installScript(String packageId) {
        return "& winget install --id " + PowerShell.literal(packageId) + " --exact --source winget --silent"
                + " --accept-source-agreements --accept-package-agreements\nexit $LASTEXITCODE";
    }

    /** Upgrades {@code packageId} in place; winget exits non-zero when there is nothing newer, so the caller checks. */
    static CommandResult upgrade(ProvisioningContext ctx, String packageId) {
        return PowerShell.run(ctx, installScript(packageId).replace("& winget install ", "& winget upgrade "),
                ctx.timeouts().install());
    }

    static CommandResult install(ProvisioningContext ctx, String packageId) {
        return PowerShell.run(ctx, installScript(packageId), ctx.timeouts().install());
    }

    /**
     * Uninstalls {@code packageId} without any prompt (winget removes what it or an MSI installed:
     * its list includes the machine's installed programs).
     */
    static CommandResult uninstall(ProvisioningContext ctx, String packageId) {
        return PowerShell.run(ctx, "& winget uninstall --id " + PowerShell.literal(packageId) + " --exact --silent"
                + " --accept-source-agreements\nexit $LASTEXITCODE", ctx.timeouts().install());
    }
}
