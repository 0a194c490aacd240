package dev.mesh.api.tailscale;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;

/**
 * What one OS does around the Tailscale CLI that {@link Tailscale} cannot do for it (SPI 2.1): start
 * tailscaled, upgrade the client, tell how mesh's SSH connection reaches the host. Each method has a
 * default, so a plugin implements what its OS can; the defaults say plainly that it cannot.
 */
public interface TailscaleHost {

    /** A host that can do none of it (plugins built for SPI 2.0). */
    TailscaleHost NONE = new TailscaleHost() {
    };

    /**
     * Starts tailscaled the way INSTALLING starts it (systemd, OpenRC, the Windows service, launchd),
     * then confirms it is still running a little later.
     *
     * @return what was done, e.g. {@code tailscaled started (systemd)}
     * @throws StepFailedException with {@link FailureReason#TAILSCALED_NOT_RUNNING} naming the real
     *                             cause: the service manager's answer and the last lines of tailscaled's log
     */
    default String startDaemon() {
        throw new StepFailedException(FailureReason.TAILSCALED_NOT_RUNNING,
                "tailscaled is not running, and this OS plugin cannot start it",
                "Start tailscaled on the host (its service manager's way), then run mesh again.");
    }

    /**
     * Upgrades the Tailscale client with the configured install method.
     *
     * @return what was done, e.g. {@code upgraded with Tailscale's install script}
     * @throws StepFailedException with {@link FailureReason#TAILSCALE_TOO_OLD} when it cannot
     */
    default String upgradeClient(TailscaleVersion installed, TailscaleVersion needed) {
        throw new StepFailedException(FailureReason.TAILSCALE_TOO_OLD, "Tailscale " + installed
                + " is older than " + needed + ", and this OS plugin cannot upgrade it");
    }

    /**
     * Flags this OS always passes to {@code up}, e.g. Windows' {@code --unattended}: they are never
     * kept, dropped or reset as a node's own preferences.
     */
    default java.util.List<String> osFlags() {
        return java.util.List.of();
    }

    /** How mesh's SSH connection reaches the host, as the host sees it; unknown parts empty. */
    default ConnectionPath connectionPath() {
        return ConnectionPath.of("", "", java.util.List.of());
    }
}
