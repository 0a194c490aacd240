package dev.mesh.core.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How mesh talks to Headscale ({@code mesh.headscale}).
 *
 * @param user    the Headscale user that owns keys and nodes
 * @param command the local headscale CLI, a name on PATH or a path
 * @param sudo    run the CLI as {@code sudo -n <command>}
 * @param timeout how long one CLI call may take
 * @param key     the pre-auth keys to create
 */
public record HeadscaleSettings(String user, String command, boolean sudo, Duration timeout, KeySettings key) {
    public HeadscaleSettings {
        Objects.requireNonNull(user, "user");
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(key, "key");
    }
}
