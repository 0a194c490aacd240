package dev.mesh.core.config;

import dev.mesh.api.StepTimeouts;
import java.time.Duration;

/**
 * How long each kind of remote step may run ({@code mesh.timeouts}); all positive.
 *
 * @param command any ordinary remote command
 * @param detect  recognising the remote OS
 * @param install installing a package
 * @param connect {@code tailscale up} (also its {@code --timeout})
 */
public record Timeouts(Duration command, Duration detect, Duration install, Duration connect) {

    /** The subset handed to OS plugins. */
    public StepTimeouts toStepTimeouts() {
        return new StepTimeouts(command, install, connect);
    }
}
