package dev.mesh.os.linux;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TailscaleStatus;
import java.util.ArrayList;
import java.util.List;

/** VERIFYING: tailscaled must be Running and have an IPv4 address ({@code tailscale ip -4}). */
final class VerifyStep {
    private VerifyStep() {
    }

    static TailscaleStatus run(ProvisioningContext ctx) {
        TailscaleCli tailscale = new TailscaleCli(LinuxShell.of(ctx), ctx);
        TailscaleCli.NodeStatus node = tailscale.status();
        TailscaleStatus status = node.status();
        if (!status.running()) {
            StringBuilder detail = new StringBuilder("BackendState is " + status.backendState());
            if (!node.health().isEmpty()) {
                detail.append("; health: ").append(String.join("; ", node.health()));
            }
            if (!node.problem().isEmpty()) {
                detail.append("; tailscale status --json: ").append(node.problem());
            }
            throw new StepFailedException(FailureReason.VERIFY_FAILED, detail.toString());
        }
        String ip = tailscale.ipv4();
        List<String> ips = new ArrayList<>(status.tailscaleIps());
        if (!ip.isEmpty()) {
            ips.remove(ip);
            ips.add(0, ip); // what `tailscale ip -4` says comes first, so ipv4() returns it
        }
        TailscaleStatus verified = new TailscaleStatus(status.backendState(), ips, status.hostName(), status.online());
        if (verified.ipv4().isEmpty()) {
            throw new StepFailedException(FailureReason.VERIFY_FAILED, "tailscaled is Running but has no IPv4 address");
        }
        ctx.listener().ok("Tailscale is Running, IPv4 " + verified.ipv4());
        return verified;
    }
}
