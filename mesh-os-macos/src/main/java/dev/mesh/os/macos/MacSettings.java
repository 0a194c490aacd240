package dev.mesh.os.macos;

import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.time.Duration;

/**
 * The macOS plugin's settings ({@code mesh.plugins.macos}, defaults in this jar's reference.conf),
 * read at start so a bad value fails before any connection.
 *
 * @param serviceCheck how long after starting tailscaled or Syncthing (brew services) mesh checks it still runs
 */
record MacSettings(Duration serviceCheck) {

    static MacSettings from(PluginConfig config) {
        Duration check = config.duration("service-check");
        if (check.isNegative() || check.compareTo(Duration.ofMinutes(1)) > 0) {
            throw new PluginConfigException("mesh.plugins.macos.service-check must be between 0s and 1m, got " + check);
        }
        return new MacSettings(check);
    }

    /** The wait as sleep(1) takes it, e.g. {@code 3} or {@code 0.5}. */
    String sleep() {
        long ms = serviceCheck.toMillis();
        return ms % 1000 == 0 ? String.valueOf(ms / 1000) : String.valueOf(ms / 1000.0);
    }
}
