package dev.mesh.os.macos;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.List;

/**
 * CONNECTING on macOS: {@code tailscale up} with the key on its standard input
 * ({@code --auth-key=file:/dev/stdin}), so the key is in no command line and no file on the Mac.
 */
final class MacConnector {
    private MacConnector() {
    }

    static ConnectResult connect(ProvisioningContext ctx) {
        MacTailscale cli = MacTailscale.locate(ctx).orElseThrow(() -> new StepFailedException(
                FailureReason.TAILSCALE_CONNECT_FAILED, "the Tailscale CLI is not on " + ctx.host().address()));
        return cli.tailscale().connect(List.of());
    }
}
