package dev.mesh.core.syncthing;

import java.util.List;

/**
 * One shared folder on one host: where it lives there, and the other hosts it is shared with (every
 * other paired host that has the folder too).
 *
 * @param id    the folder ID, the same on every host
 * @param path  its path on this host ({@code ~} is expanded by Syncthing)
 * @param peers the hosts it is shared with
 */
record FolderShare(String id, String path, List<Peer> peers) {
    FolderShare {
        peers = List.copyOf(peers);
    }
}
