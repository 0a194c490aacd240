package dev.mesh.core.syncthing;

import java.util.List;
import java.util.Map;

/**
 * A host whose Syncthing answered, with what the pairing needs to know about it.
 *
 * @param name             its mesh name
 * @param deviceId         {@code myID}
 * @param version          Syncthing's version ({@code /rest/system/version}), e.g. {@code v1.19.2}
 * @param tailnetAddresses its Tailscale addresses, from its own {@code tailscale status --json}
 * @param folders          folder ID → path on this host, the folders it should share
 */
record ReadyHost(String name, String deviceId, String version, List<String> tailnetAddresses,
                 Map<String, String> folders) {
    ReadyHost {
        tailnetAddresses = List.copyOf(tailnetAddresses);
        folders = Map.copyOf(folders);
    }

    Peer asPeer() {
        return Peer.at(name, deviceId, tailnetAddresses);
    }
}
