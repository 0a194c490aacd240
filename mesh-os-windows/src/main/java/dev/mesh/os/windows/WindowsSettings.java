package dev.mesh.os.windows;

import dev.mesh.api.PluginConfig;
import dev.mesh.api.PluginConfigException;
import java.time.Duration;

/**
 * The Windows plugin's settings ({@code mesh.plugins.windows} in HOCON), read and checked at once so
 * a bad value fails before any SSH connection.
 *
 * @param connectAttempts          how many times {@code tailscale up} is tried before the manual fallback
 * @param scriptDir                where key files and {@code join-mesh.ps1} go, e.g. {@code C:\ProgramData\mesh}
 * @param manualKeyExpiration      the lifetime of the single-use key written for the manual fallback
 * @param serviceRestartWait       the pause after restarting the Tailscale service between attempts
 * @param loginServerCheckTimeout  how long the host may wait for the login server's first answer
 * @param serviceCheck             how long after starting the Tailscale service or Syncthing's task mesh checks it still runs
 */
record WindowsSettings(int connectAttempts, String scriptDir, Duration manualKeyExpiration,
                       Duration serviceRestartWait, Duration loginServerCheckTimeout, Duration serviceCheck) {

    private static final String PREFIX = "mesh.plugins.windows.";

    static WindowsSettings from(PluginConfig config) {
        int attempts = config.integer("connect-attempts");
        if (attempts < 1 || attempts > 10) {
            throw invalid("connect-attempts", "must be between 1 and 10, got " + attempts);
        }
        String dir = config.string("script-dir");
        if (!WindowsPaths.isAbsoluteLocalPath(dir)) {
            throw invalid("script-dir", "must be an absolute local Windows path such as C:\\ProgramData\\mesh,"
                    + " without \" % * ? < > | or line breaks; got " + dir);
        }
        return new WindowsSettings(attempts, WindowsPaths.withoutTrailingSeparator(dir),
                within(config, "manual-key-expiration", Duration.ofMinutes(1), Duration.ofHours(24)),
                within(config, "service-restart-wait", Duration.ZERO, Duration.ofMinutes(1)),
                within(config, "login-server-check-timeout", Duration.ofSeconds(1), Duration.ofMinutes(2)),
                within(config, "service-check", Duration.ZERO, Duration.ofMinutes(1)));
    }

    private static Duration within(PluginConfig config, String key, Duration min, Duration max) {
        Duration value = config.duration(key);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(key, "must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static PluginConfigException invalid(String key, String problem) {
        return new PluginConfigException(PREFIX + key + " " + problem);
    }
}
