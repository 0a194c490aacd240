package dev.mesh.os.macos;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TailscaleStatus;

/** VERIFYING on macOS: {@code BackendState} Running and an IPv4 address in 100.64.0.0/10. */
final class MacVerifier {

    private MacVerifier() {
    }

    static TailscaleStatus verify(ProvisioningContext ctx) {
        MacTailscale.Cli cli = MacTailscale.locate(ctx).orElseThrow(() -> new StepFailedException(
                FailureReason.VERIFY_FAILED, "the Tailscale CLI is not on " + ctx.host().address()));
        TailscaleStatus status = MacTailscale.status(ctx, cli).map(MacTailscale.Reading::status)
                .orElseThrow(() -> new StepFailedException(FailureReason.VERIFY_FAILED,
                        "tailscale status --json gave no answer on " + ctx.host().address()));
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
