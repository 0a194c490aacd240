package dev.mesh.os.windows;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TailscaleStatus;

/** VERIFYING on Windows: {@code BackendState} Running and an IPv4 address in 100.64.0.0/10. */
final class Verifier {

    private Verifier() {
    }

    static TailscaleStatus verify(ProvisioningContext ctx) {
        TailscaleStatus status = TailscaleCli.status(ctx).map(TailscaleCli.Reading::status)
                .orElseThrow(() -> new StepFailedException(FailureReason.VERIFY_FAILED,
                        "tailscale status --json gave no answer on " + ctx.host().address(),
                        "Check the Tailscale service on the host (Get-Service Tailscale) and run"
                                + " & 'C:\\Program Files\\Tailscale\\tailscale.exe' status there."));
        if (!status.running()) {
            throw new StepFailedException(FailureReason.VERIFY_FAILED, "BackendState is " + status.backendState());
        }
        if (!TailscaleStatus.isTailscaleIpv4(status.ipv4())) {
            throw new StepFailedException(FailureReason.VERIFY_FAILED,
                    "tailscaled is Running but has no IPv4 address in 100.64.0.0/10 (addresses: " + status.tailscaleIps() + ")");
        }
        ctx.listener().ok("Tailscale Running as " + status.ipv4());
        return status;
    }
}
