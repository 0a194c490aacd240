package dev.mesh.core.syncthing;

import java.util.List;

/**
 * Another host of the pairing, as a device in this host's Syncthing.
 *
 * @param name      the host's mesh name (inventory name, or HOST as typed): the device's name where mesh adds it
 * @param deviceId  its Syncthing device ID ({@code myID} of its {@code /rest/system/status})
 * @param addresses its tailnet addresses as Syncthing dials them, {@code tcp://ADDR:22000}: no
 *                  {@code dynamic}, so neither global discovery nor a relay is used to reach it
 */
record Peer(String name, String deviceId, List<String> addresses) {
    /** Syncthing's default sync port (lib/config: the default listen address tcp://0.0.0.0:22000). */
    static final int SYNC_PORT = 22000;

    Peer {
        addresses = List.copyOf(addresses);
    }

    /** A host reached at its Tailscale addresses, IPv4 and IPv6 (brackets), on port 22000. */
    static Peer at(String name, String deviceId, List<String> tailnetAddresses) {
        return new Peer(name, deviceId, tailnetAddresses.stream()
                .map(ip -> "tcp://" + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + SYNC_PORT).toList());
    }

    /** The first 7 characters of the device ID, as Syncthing's GUI shortens it. */
    String shortId() {
        return deviceId.length() > 7 ? deviceId.substring(0, 7) : deviceId;
    }
}
