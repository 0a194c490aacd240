package dev.mesh.cli;

import dev.mesh.api.TargetHost;
import dev.mesh.core.config.TailscalePreferences;

/**
 * One host a command acts on, as the operator named it.
 *
 * @param name          the inventory name, or HOST as typed
 * @param host          where SSH connects (user, address, port as resolved)
 * @param inventory     whether {@code name} is an inventory host (then hints name it, not its address)
 * @param skipSyncthing the host's effective skip-syncthing (flag, inventory, defaults)
 * @param preferences   the host's effective Tailscale preferences (flags, environment, inventory, settings)
 */
record FleetTarget(String name, TargetHost host, boolean inventory, boolean skipSyncthing,
                   TailscalePreferences preferences) {
}
