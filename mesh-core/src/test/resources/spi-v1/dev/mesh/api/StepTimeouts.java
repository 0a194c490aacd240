package dev.mesh.api;

import java.time.Duration;
import java.util.Objects;

/**
 * How long each kind of remote command may run (configurable, defaults from the seed's table).
 *
 * @param command   any ordinary command (default 120 s)
 * @param install   installing a package (default 180 s)
 * @param connect   {@code tailscale up}, also passed to it as {@code --timeout} (default 60 s)
 */
public record StepTimeouts(Duration command, Duration install, Duration connect) {
    public StepTimeouts {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(install, "install");
        Objects.requireNonNull(connect, "connect");
    }
}
