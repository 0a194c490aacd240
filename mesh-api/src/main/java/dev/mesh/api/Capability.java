package dev.mesh.api;

/**
 * Something a provisioner may do beyond joining a host to the mesh. mesh-core asks
 * {@link OsProvisioner#capability} before it needs one, and says plainly when a plugin lacks it
 * (for example "plugin 'freebsd' cannot install Syncthing; skipped").
 *
 * <p>The set is closed: mesh-api defines each capability, since mesh-core must know when to ask for
 * it. A new capability arrives in a new SPI minor version; plugins built before it simply lack it.
 */
public sealed interface Capability permits SyncthingSupport, HostPreparation, HostLocking, SyncthingPairing,
        HostStatusReport, NodeRemoval, SharedShell {
}
