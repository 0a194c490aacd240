package dev.mesh.core.syncthing;

import dev.mesh.api.StepListener;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Brings one host's Syncthing configuration to a {@link DesiredPairing}, changing only what differs,
 * through the REST config endpoints (each change applies at once, no restart; lib/api/confighandler.go):
 * <ul>
 *   <li>a missing device: {@code PUT /rest/config/devices/ID} with its name, its tailnet addresses and
 *       {@code introducer: false} (Syncthing fills in its defaults for the rest);</li>
 *   <li>a known device whose addresses or introducer flag differ: {@code PATCH} of just those (its
 *       name, pause state and everything else stay as the user set them);</li>
 *   <li>a missing folder: {@code PUT /rest/config/folders/ID} (send and receive, shared with the peers
 *       that have it; Syncthing creates the directory and its {@code .stfolder} marker);</li>
 *   <li>a folder that lacks peers: {@code PATCH} of its {@code devices}, the existing entries kept as they are.</li>
 * </ul>
 * Devices come first: Syncthing drops folder devices it does not know. Each change is reported to the
 * listener and returned, so an empty list means the host already was as wanted.
 */
final class PairingEditor {
    private final SyncthingApi api;
    private final StepListener listener;

    PairingEditor(SyncthingApi api, StepListener listener) {
        this.api = api;
        this.listener = listener;
    }

    List<String> apply(DesiredPairing desired) {
        List<String> changes = new ArrayList<>();
        Map<String, Map<String, Object>> devices = byId(api.list(SyncthingApi.DEVICES), "deviceID");
        for (Peer peer : desired.peers()) {
            device(peer, devices.get(peer.deviceId())).ifPresent(changes::add);
        }
        for (FolderShare folder : desired.folders()) {
            folder(folder).ifPresent(changes::add);
        }
        changes.forEach(listener::ok);
        return changes;
    }

    private Optional<String> device(Peer peer, Map<String, Object> existing) {
        String path = SyncthingApi.item(SyncthingApi.DEVICES, peer.deviceId());
        if (existing == null) {
            Map<String, Object> device = new LinkedHashMap<>();
            device.put("deviceID", peer.deviceId());
            device.put("name", peer.name());
            device.put("addresses", peer.addresses());
            device.put("introducer", false);
            api.put(path, device);
            return Optional.of("added device " + peer.name() + " (" + peer.shortId() + ") at "
                    + String.join(", ", peer.addresses()));
        }
        Map<String, Object> patch = new LinkedHashMap<>();
        List<String> addresses = strings(existing.get("addresses"));
        if (!new HashSet<>(addresses).equals(new HashSet<>(peer.addresses()))) {
            patch.put("addresses", peer.addresses());
        }
        if (Boolean.TRUE.equals(existing.get("introducer"))) {
            patch.put("introducer", false);
        }
        if (patch.isEmpty()) {
            return Optional.empty();
        }
        api.patch(path, patch);
        return Optional.of("set device " + peer.name() + " (" + peer.shortId() + ")"
                + (patch.containsKey("addresses") ? " to " + String.join(", ", peer.addresses())
                        + " (was " + (addresses.isEmpty() ? "none" : String.join(", ", addresses)) + ")" : "")
                + (patch.containsKey("introducer") ? ", no longer an introducer" : ""));
    }

    private Optional<String> folder(FolderShare share) {
        String path = SyncthingApi.item(SyncthingApi.FOLDERS, share.id());
        Optional<Map<String, Object>> existing = api.find(path);
        if (existing.isEmpty()) {
            Map<String, Object> folder = new LinkedHashMap<>();
            folder.put("id", share.id());
            folder.put("label", share.id());
            folder.put("path", share.path());
            folder.put("type", "sendreceive");
            folder.put("devices", share.peers().stream().map(p -> Map.of("deviceID", p.deviceId())).toList());
            api.put(path, folder);
            return Optional.of("created folder " + share.id() + " at " + share.path() + sharedWith(share.peers()));
        }
        Object configured = existing.get().get("path");
        if (!Objects.equals(configured, share.path())) {
            listener.info("folder " + share.id() + " is at " + configured + " on this host, not " + share.path()
                    + ": left there");
        }
        List<Object> devices = new ArrayList<>(list(existing.get().get("devices")));
        Set<String> present = new HashSet<>(byId(maps(devices), "deviceID").keySet());
        List<Peer> added = share.peers().stream().filter(p -> !present.contains(p.deviceId())).toList();
        if (added.isEmpty()) {
            return Optional.empty();
        }
        added.forEach(p -> devices.add(Map.of("deviceID", p.deviceId())));
        api.patch(path, Map.of("devices", devices));
        return Optional.of("shared folder " + share.id() + sharedWith(added));
    }

    /**
     * Takes the devices {@code gone} matches out of every folder, then forgets them.
     *
     * @param gone matches a device object of {@code /rest/config/devices} (by ID, or by name for a
     *             host that could not be asked its ID)
     * @param self this host's own device ID, never removed
     */
    List<String> remove(Predicate<Map<String, Object>> gone, String self) {
        List<String> changes = new ArrayList<>();
        Map<String, Map<String, Object>> removed = new LinkedHashMap<>();
        byId(api.list(SyncthingApi.DEVICES), "deviceID").forEach((id, device) -> {
            if (!id.equals(self) && gone.test(device)) {
                removed.put(id, device);
            }
        });
        if (removed.isEmpty()) {
            return changes;
        }
        for (Map<String, Object> folder : api.list(SyncthingApi.FOLDERS)) {
            List<Object> devices = list(folder.get("devices"));
            List<Object> kept = devices.stream().filter(d -> !(d instanceof Map<?, ?> m
                    && removed.containsKey(String.valueOf(m.get("deviceID"))))).toList();
            if (kept.size() < devices.size()) {
                String id = String.valueOf(folder.get("id"));
                api.patch(SyncthingApi.item(SyncthingApi.FOLDERS, id), Map.of("devices", kept));
                changes.add("unshared folder " + id + " from " + names(removed));
            }
        }
        for (Map.Entry<String, Map<String, Object>> e : removed.entrySet()) {
            api.delete(SyncthingApi.item(SyncthingApi.DEVICES, e.getKey()));
            changes.add("removed device " + name(e.getValue()) + " (" + e.getKey().substring(0, Math.min(7, e.getKey().length())) + ")");
        }
        changes.forEach(listener::ok);
        return changes;
    }

    private static String sharedWith(List<Peer> peers) {
        return peers.isEmpty() ? " (no other host has it yet)"
                : ", shared with " + String.join(", ", peers.stream().map(Peer::name).toList());
    }

    private static String names(Map<String, Map<String, Object>> devices) {
        return String.join(", ", devices.values().stream().map(PairingEditor::name).toList());
    }

    private static String name(Map<String, Object> device) {
        Object name = device.get("name");
        return name == null || name.toString().isBlank() ? String.valueOf(device.get("deviceID")) : name.toString();
    }

    /** Objects of a JSON list by their {@code key} field. */
    static Map<String, Map<String, Object>> byId(List<Map<String, Object>> objects, String key) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        objects.forEach(o -> out.put(String.valueOf(o.get(key)), o));
        return out;
    }

    static List<Object> list(Object value) {
        return value instanceof List<?> l ? new ArrayList<>(l) : new ArrayList<>();
    }

    static List<String> strings(Object value) {
        return list(value).stream().map(String::valueOf).toList();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> maps(List<Object> values) {
        return values.stream().filter(v -> v instanceof Map<?, ?>).map(v -> (Map<String, Object>) v).toList();
    }
}
