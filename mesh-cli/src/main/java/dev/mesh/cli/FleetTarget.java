package dev.mesh.cli;

import dev.mesh.api.TargetHost;

/**
 * One host a command acts on, as the operator named it.
 *
 * @param name          the inventory name, or HOST as typed
 * @param host          where SSH connects (user, address, port as resolved)
 * @param inventory     whether {@code name} is an inventory host (then hints name it, not its address)
 * @param skipSyncthing the host's effective skip-syncthing (flag, inventory, defaults)
 */
record FleetTarget(String name, TargetHost host, boolean inventory, boolean skipSyncthing) {
}
