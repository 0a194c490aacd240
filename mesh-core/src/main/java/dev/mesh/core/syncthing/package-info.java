/**
 * Syncthing across the mesh: every selected host's Syncthing paired with every other's over the
 * tailnet ({@link dev.mesh.core.syncthing.SyncthingPairingRun}), the shared folders created on each,
 * a host taken out again, and each host's pairing status. mesh-core speaks Syncthing's REST API
 * ({@link dev.mesh.core.syncthing.SyncthingApi}); each OS plugin's
 * {@link dev.mesh.api.SyncthingPairing} carries one request to the host's loopback, with the API key
 * read there.
 */
package dev.mesh.core.syncthing;
