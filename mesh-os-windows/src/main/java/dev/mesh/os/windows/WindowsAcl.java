package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Restricts a directory or files to Administrators (S-1-5-32-544) and SYSTEM (S-1-5-18): inheritance
 * off, inherited rules dropped, owner Administrators, then read back and checked. SIDs, not names,
 * so it works on every display language. The mode argument of an SFTP upload means nothing on
 * Windows; this is how key files are protected instead.
 */
final class WindowsAcl {
    static final String ADMINISTRATORS = "S-1-5-32-544";
    static final String SYSTEM = "S-1-5-18";

    /** Defines Protect-MeshPath; stops on the first error so a failure exits non-zero. */
    static final String FUNCTION = String.join("\n",
            "$ErrorActionPreference = 'Stop'",
            "function Protect-MeshPath([string]$path, [bool]$container) {",
            "  if ($container) { $acl = New-Object System.Security.AccessControl.DirectorySecurity; $inherit = 'ContainerInherit, ObjectInherit' }",
            "  else { $acl = New-Object System.Security.AccessControl.FileSecurity; $inherit = 'None' }",
            "  $acl.SetAccessRuleProtection($true, $false)",
            "  $admins = New-Object System.Security.Principal.SecurityIdentifier('" + ADMINISTRATORS + "')",
            "  $acl.SetOwner($admins)",
            "  foreach ($sid in @($admins, (New-Object System.Security.Principal.SecurityIdentifier('" + SYSTEM + "')))) {",
            "    $acl.AddAccessRule((New-Object System.Security.AccessControl.FileSystemAccessRule($sid, 'FullControl', $inherit, 'None', 'Allow')))",
            "  }",
            "  Set-Acl -LiteralPath $path -AclObject $acl",
            "  $check = Get-Acl -LiteralPath $path",
            "  $others = @($check.Access | Where-Object { $_.IdentityReference.Translate([System.Security.Principal.SecurityIdentifier]).Value"
                    + " -notin @('" + ADMINISTRATORS + "', '" + SYSTEM + "') })",
            "  if (-not $check.AreAccessRulesProtected -or $others.Count -gt 0) { throw \"$path is open to more than Administrators and SYSTEM\" }",
            "}",
            "");

    private WindowsAcl() {
    }

    static String directoryScript(String dir) {
        return FUNCTION + "New-Item -ItemType Directory -Force -Path " + PowerShell.literal(dir) + " | Out-Null\n"
                + "Protect-MeshPath " + PowerShell.literal(dir) + " $true\n'protected'";
    }

    static String filesScript(List<String> files) {
        return FUNCTION + "foreach ($file in @(" + files.stream().map(PowerShell::literal).collect(Collectors.joining(", "))
                + ")) { Protect-MeshPath $file $false }\n'protected'";
    }

    /** Creates {@code dir} if needed and restricts it (and what is later created in it). */
    static void protectDirectory(ProvisioningContext ctx, String dir) {
        check(ctx, PowerShell.run(ctx, directoryScript(dir)), dir);
    }

    /** Restricts files that already exist. */
    static void protectFiles(ProvisioningContext ctx, List<String> files) {
        check(ctx, PowerShell.run(ctx, filesScript(files)), String.join(", ", files));
    }

    private static void check(ProvisioningContext ctx, CommandResult result, String what) {
        if (!result.succeeded() || !PowerShell.output(result).endsWith("protected")) {
            throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED,
                    "could not restrict " + what + " to Administrators and SYSTEM: " + PowerShell.failure(result, ctx),
                    "Check the permissions of the path (mesh.plugins.windows.script-dir): an administrator must be"
                            + " able to take it over. mesh will not put a key where others could read it.");
        }
    }
}
