package dev.mesh.os.linux;

import dev.mesh.api.ProvisioningContext;
import dev.mesh.api.syncthing.SyncthingRequest;
import dev.mesh.api.syncthing.SyncthingResponse;
import dev.mesh.api.syncthing.SyncthingRest;

/**
 * Syncthing pairing on Linux: one REST request to the login user's Syncthing (the {@code syncthing@USER}
 * service mesh starts, or the user's own), as that user, no root needed. The command finds its
 * config.xml where that Syncthing version puts it (1.19: {@code ~/.config/syncthing}; 1.27+ and 2.x:
 * an existing {@code ~/.config/syncthing}, else {@code ~/.local/state/syncthing}; the XDG variables
 * first) and reads the API key there ({@link SyncthingRest#posixCommand}).
 */
final class LinuxSyncthingApi {
    private LinuxSyncthingApi() {
    }

    static SyncthingResponse call(ProvisioningContext ctx, SyncthingRequest request) {
        return SyncthingRest.callPosix(ctx, SyncthingRest.LINUX_CONFIG_DIRS, request);
    }
}
