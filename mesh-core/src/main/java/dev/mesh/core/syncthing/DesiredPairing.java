package dev.mesh.core.syncthing;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * What one host's Syncthing should hold after pairing: every other host as a device, and each of
 * its folders shared with every other host that has the folder.
 *
 * @param host    the host
 * @param peers   the other hosts
 * @param folders its folders, sorted by ID
 */
record DesiredPairing(ReadyHost host, List<Peer> peers, List<FolderShare> folders) {

    /** The plan for {@code host} among {@code all} (which includes it). */
    static DesiredPairing of(ReadyHost host, List<ReadyHost> all) {
        List<Peer> peers = new ArrayList<>();
        for (ReadyHost other : all) {
            if (!other.deviceId().equals(host.deviceId())) {
                peers.add(other.asPeer());
            }
        }
        List<FolderShare> folders = new ArrayList<>();
        new TreeMap<>(host.folders()).forEach((id, path) -> folders.add(new FolderShare(id, path,
                all.stream().filter(o -> !o.deviceId().equals(host.deviceId()) && o.folders().containsKey(id))
                        .map(ReadyHost::asPeer).toList())));
        return new DesiredPairing(host, List.copyOf(peers), List.copyOf(folders));
    }
}
