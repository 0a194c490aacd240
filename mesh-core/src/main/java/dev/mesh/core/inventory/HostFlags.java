package dev.mesh.core.inventory;

import java.util.Optional;

/**
 * What the command line says about one host, above every file and variable. The identity ({@code -i})
 * and Tailscale preference flags reach the resolver as settings with a flag origin instead.
 *
 * @param user          {@code USER@} of the HOST argument
 * @param port          {@code -p/--port}
 * @param skipSyncthing {@code --skip-syncthing} (it can only turn Syncthing off)
 */
public record HostFlags(Optional<String> user, Optional<Integer> port, boolean skipSyncthing) {
    public static final HostFlags NONE = new HostFlags(Optional.empty(), Optional.empty(), false);
}
