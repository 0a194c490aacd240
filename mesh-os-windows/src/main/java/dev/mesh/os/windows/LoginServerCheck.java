package dev.mesh.os.windows;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.time.Duration;

/**
 * Preflight: the login server must answer from the host itself (what Tailscale will need), not just
 * from the machine running mesh. Any HTTP response counts, an error status included; only no answer
 * at all (DNS, refused, timeout, TLS) fails.
 */
final class LoginServerCheck {

    private LoginServerCheck() {
    }

    static String script(String url, Duration timeout) {
        return String.join("\n",
                "[Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol"
                        + " -bor [Net.SecurityProtocolType]::Tls12",
                "try {",
                "  $r = Invoke-WebRequest -UseBasicParsing -Uri " + PowerShell.literal(url)
                        + " -TimeoutSec " + Math.max(1, timeout.toSeconds()) + " -ErrorAction Stop",
                "  'HTTP ' + [int]$r.StatusCode",
                "} catch {",
                "  $response = $_.Exception.Response",
                "  if ($response) { 'HTTP ' + [int]$response.StatusCode } else { 'no answer: ' + $_.Exception.Message; exit 1 }",
                "}");
    }

    static void require(ProvisioningContext ctx, Duration timeout) {
        String url = ctx.loginServer().toString();
        CommandResult result = PowerShell.run(ctx, script(url, timeout), timeout.plus(ctx.timeouts().command()));
        String out = PowerShell.output(result);
        if (!result.succeeded() || !out.startsWith("HTTP ")) {
            String why = out.isEmpty() ? PowerShell.failure(result, ctx) : out;
            throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED,
                    "the login server " + url + " does not answer from " + ctx.host().address() + " (" + why + ")",
                    "Check that " + url + " can be reached from the host itself: its DNS name, the host's firewall"
                            + " and proxy, and (for https) that the host trusts the server's certificate.");
        }
        ctx.listener().ok("Login server answers from the host (" + out + ")");
    }
}
