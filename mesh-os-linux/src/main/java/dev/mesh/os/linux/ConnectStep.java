package dev.mesh.os.linux;

import dev.mesh.api.ConnectResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.StepFailedException;
import java.util.List;

/**
 * CONNECTING: {@code tailscale up} with the key on its standard input
 * ({@code --auth-key=file:/dev/stdin}), so the key is in no command line and no file on the host,
 * whatever ends the run (mesh-api's {@code Tailscale.connect}). A prepared host's helper that refuses
 * an argument (a preference set on the host since it was prepared) is HELPER_STALE: prepare again.
 */
final class ConnectStep {
    /** What the helper prints when it refuses an argument. */
    static final String REFUSED = "mesh-root: refused";

    private ConnectStep() {
    }

    static ConnectResult run(ProvisioningContext ctx) {
        try {
            return LinuxTailscale.of(ctx).connect(List.of());
        } catch (StepFailedException e) {
            throw staleWhenRefused(e);
        }
    }

    /** The helper's refusal, as HELPER_STALE with its words; any other failure as it is. */
    static StepFailedException staleWhenRefused(StepFailedException e) {
        if (e.getMessage() != null && e.getMessage().contains(REFUSED)) {
            return new StepFailedException(FailureReason.HELPER_STALE, e.getMessage());
        }
        return e;
    }
}
