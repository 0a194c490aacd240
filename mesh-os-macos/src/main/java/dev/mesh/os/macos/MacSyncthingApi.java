package dev.mesh.os.macos;

import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.syncthing.SyncthingRest;

/**
 * Syncthing pairing on a Mac: one REST request to the Syncthing the login user runs (Homebrew's,
 * started by {@code brew services}, or the user's own), whose config.xml is in
 * {@code ~/Library/Application Support/Syncthing} in 1.x and 2.x alike (lib/locations); sh, sed and
 * the curl macOS ships, the key read on the Mac ({@link SyncthingRest#posixCommand}).
 */
final class MacSyncthingApi {
    private MacSyncthingApi() {
    }

    static SyncthingResponse call(ProvisioningContext ctx, SyncthingRequest request) {
        return SyncthingRest.callPosix(ctx, SyncthingRest.MACOS_CONFIG_DIRS, request);
    }
}
