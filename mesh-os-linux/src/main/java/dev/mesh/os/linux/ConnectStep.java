package dev.mesh.os.linux;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.List;

/**
 * CONNECTING: {@code tailscale up} with the key on its standard input
 * ({@code --auth-key=file:/dev/stdin}), so the key is in no command line and no file on the host,
 * whatever ends the run (mesh-api's {@code Tailscale.connect}).
 */
final class ConnectStep {
    private ConnectStep() {
    }

    static ConnectResult run(ProvisioningContext ctx) {
        try {
            return LinuxTailscale.of(ctx).connect(List.of());
        } catch (StepFailedException e) {
            if (e.getMessage().contains("mesh-root: refused")) {
                throw new StepFailedException(FailureReason.TAILSCALE_CONNECT_FAILED, e.getMessage(),
                        "The host's mesh helper refused: it was prepared by another mesh version or with other settings."
                                + " Run `mesh remote prepare` again.");
            }
            throw e;
        }
    }
}
