package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.ProvisioningContext;
import java.util.List;

/**
 * Preflight: warns about VPN clients known to fight Tailscale for routes and DNS (the ones the seed
 * looks for: NordVPN/NordLynx, ExpressVPN, Surfshark, CyberGhost, Private Internet Access), found
 * by their services and network adapters. Never fatal: they may be installed but idle.
 */
final class VpnClientCheck {
    static final String SCRIPT = String.join("\n",
            "$patterns = @('*NordVPN*', '*NordLynx*', '*ExpressVPN*', '*Surfshark*', '*CyberGhost*',"
                    + " '*Private Internet Access*', '*PrivateInternetAccess*', '*wgpia*')",
            "$found = @()",
            "foreach ($s in @(Get-Service -ErrorAction SilentlyContinue)) {",
            "  foreach ($p in $patterns) { if ($s.Name -like $p -or $s.DisplayName -like $p) { $found += 'service ' + $s.DisplayName; break } }",
            "}",
            "foreach ($a in @(Get-NetAdapter -ErrorAction SilentlyContinue)) {",
            "  foreach ($p in $patterns) { if ($a.Name -like $p -or $a.InterfaceDescription -like $p) { $found += 'adapter ' + $a.Name; break } }",
            "}",
            "$found | Sort-Object -Unique");

    private VpnClientCheck() {
    }

    static void warnAboutConflicts(ProvisioningContext ctx) {
        CommandResult result = PowerShell.run(ctx, SCRIPT);
        if (!result.succeeded()) {
            ctx.listener().warn("Could not look for conflicting VPN clients: " + PowerShell.failure(result, ctx));
            return;
        }
        List<String> found = PowerShell.output(result).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
        if (!found.isEmpty()) {
            ctx.listener().warn("Conflicting VPN client(s) on " + ctx.host().address() + ": " + String.join(", ", found)
                    + ". They can take over routes and DNS from Tailscale; disconnect them if joining fails.");
        }
    }
}
