package dev.mesh.core.config;

import dev.mesh.api.StepTimeouts;
import java.time.Duration;

/**
 * How long each kind of remote step may run ({@code mesh.timeouts}); all positive but {@code hostLock}.
 *
 * @param command any ordinary remote command
 * @param detect  recognising the remote OS
 * @param install installing a package
 * @param connect {@code tailscale up} (also its {@code --timeout})
 * @param hostLock how long a run waits for another run's lock on the host; zero or more
 */
public record Timeouts(Duration command, Duration detect, Duration install, Duration connect, Duration hostLock) {

    /** The subset handed to OS plugins. */
    public StepTimeouts toStepTimeouts() {
        return new StepTimeouts(command, install, connect);
    }
}
