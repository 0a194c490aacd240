package dev.mesh.core.syncthing;

import java.util.List;
import java.util.Map;

/**
 * One host's Syncthing as pairing sees it: what {@code mesh syncthing pair|status} print and
 * {@code mesh remote status} can show. Every string came from the host: show it through
 * {@code DisplayText}.
 *
 * @param deviceId         {@code myID}
 * @param version          e.g. {@code v1.19.2}
 * @param tailnetAddresses the host's Tailscale addresses
 * @param devices          every device it knows but itself
 * @param folders          every folder it has
 */
public record SyncthingStatus(String deviceId, String version, List<String> tailnetAddresses,
                              List<Device> devices, List<Folder> folders) {
    public SyncthingStatus {
        tailnetAddresses = List.copyOf(tailnetAddresses);
        devices = List.copyOf(devices);
        folders = List.copyOf(folders);
    }

    /**
     * This status with every device and folder share named {@code names.get(ID)} where it was named by
     * its ID ({@code mesh remote status} reads its hosts first and learns their device IDs then).
     *
     * @param names device ID → mesh name
     */
    public SyncthingStatus named(Map<String, String> names) {
        return new SyncthingStatus(deviceId, version, tailnetAddresses,
                devices.stream().map(d -> new Device(names.getOrDefault(d.name(), d.name()), d.deviceId(), d.addresses(),
                        d.connected(), d.address())).toList(),
                folders.stream().map(f -> new Folder(f.id(), f.label(), f.path(), f.state(), f.needFiles(), f.error(),
                        f.sharedWith().stream().map(s -> names.getOrDefault(s, s)).toList())).toList());
    }

    /**
     * A device the host knows.
     *
     * @param name       the mesh name of the host it is, else its name in Syncthing
     * @param deviceId   its device ID
     * @param addresses  where the host dials it ({@code dynamic}: discovery)
     * @param connected  whether it is connected now ({@code /rest/system/connections})
     * @param address    the remote address of that connection, empty when not connected
     */
    public record Device(String name, String deviceId, List<String> addresses, boolean connected, String address) {
        public Device {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * A folder the host has.
     *
     * @param id         the folder ID
     * @param label      its label
     * @param path       its path on the host
     * @param state      {@code /rest/db/status}'s {@code state}: idle, scanning, syncing, error, …
     * @param needFiles  files it still has to fetch
     * @param error      why it is in error, empty otherwise
     * @param sharedWith the names of the devices it is shared with
     */
    public record Folder(String id, String label, String path, String state, long needFiles, String error,
                         List<String> sharedWith) {
        public Folder {
            sharedWith = List.copyOf(sharedWith);
        }
    }
}
