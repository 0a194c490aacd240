package dev.mesh.api.tailscale;

import java.util.Optional;

/**
 * How one OS removes the Tailscale client with the package manager that installed it, for
 * {@code mesh remote remove --uninstall} ({@link Tailscale#leave}). Since SPI 2.1.
 */
public interface ClientUninstall {

    /**
     * What would run, e.g. {@code apt-get remove tailscale} or {@code brew uninstall tailscale}; empty
     * when no package manager the plugin knows installed the client (then it is left, and the operator told).
     */
    Optional<String> method();

    /**
     * Removes the client.
     *
     * @throws dev.mesh.api.StepFailedException REMOVE_FAILED when it failed or the client is still there
     */
    void run();
}
