package dev.mesh.core.ssh;

import dev.mesh.api.TargetHost;
import java.time.Duration;

/**
 * Hears about every remote command an {@link SshConnector}'s connections run, after it ended: what
 * {@code mesh -v} prints. Called on the thread that ran the command; implementations must be quick
 * and thread-safe (a fleet run has many hosts at once). The command text has every live secret
 * replaced by {@code ****} ({@link dev.mesh.core.text.LiveSecrets}); it is still host-bound text, so
 * a renderer passes it through {@link dev.mesh.core.text.DisplayText} before printing.
 */
@FunctionalInterface
public interface CommandObserver {
    /** Hears nothing. */
    CommandObserver NONE = event -> {
    };

    void commandEnded(Event event);

    /**
     * One remote command (or SFTP upload) that ended.
     *
     * @param host     the connection's host
     * @param command  the command line (an upload: {@code sftp write PATH (mode 0600)}), secrets redacted
     * @param exitCode its exit status; -1 when it has none (timed out, stopped, connection lost)
     * @param duration from opening its channel to its end
     * @param timedOut it ran past its time limit and was ended on the host
     * @param stopped  mesh stopped it (Ctrl-C) or the connection failed under it
     */
    record Event(TargetHost host, String command, int exitCode, Duration duration, boolean timedOut,
                 boolean stopped) {
    }
}
