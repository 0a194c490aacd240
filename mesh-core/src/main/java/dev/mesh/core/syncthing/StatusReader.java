package dev.mesh.core.syncthing;

import dev.mesh.core.text.DisplayText;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;

/**
 * Reads a host's pairing status: its devices with {@code /rest/system/connections}, its folders with
 * {@code /rest/db/status} each (the first {@value #FOLDER_STATES} folders: one request each, so a host
 * with thousands cannot hold a status run up; the others are listed with state {@value #NOT_READ}).
 */
final class StatusReader {
    /** How many folders' {@code /rest/db/status} one read asks for. */
    static final int FOLDER_STATES = 50;
    /** The state of a folder whose status was not asked for. */
    static final String NOT_READ = "not read";

    private StatusReader() {
    }

    /**
     * Devices named after the hosts of this run, else as the host's Syncthing names them, else by ID.
     *
     * @param names device ID → mesh name, for the hosts of this run
     */
    static SyncthingStatus read(SyncthingApi api, ReadyHost host, Map<String, String> names) {
        return read(api, host, (id, configured) -> names.getOrDefault(id, configured.isEmpty() ? id : configured));
    }

    /**
     * Every device named by its device ID: for a caller that names them after it has read every host
     * ({@link SyncthingStatus#named}), and never by what a host's Syncthing calls them.
     */
    static SyncthingStatus readByDeviceId(SyncthingApi api, ReadyHost host) {
        return read(api, host, (id, configured) -> id);
    }

    /** @param naming (device ID, the name the host's Syncthing gives it, one line) → the name shown */
    private static SyncthingStatus read(SyncthingApi api, ReadyHost host, BinaryOperator<String> naming) {
        Map<String, Object> connections = api.object(SyncthingApi.CONNECTIONS).get("connections") instanceof Map<?, ?> m
                ? cast(m) : Map.of();
        Map<String, String> deviceNames = new HashMap<>();
        List<SyncthingStatus.Device> devices = new ArrayList<>();
        for (Map<String, Object> d : api.list(SyncthingApi.DEVICES)) {
            String id = String.valueOf(d.get("deviceID"));
            deviceNames.put(id, naming.apply(id, text(d.get("name"))));
            if (id.equals(host.deviceId())) {
                continue;
            }
            Map<String, Object> c = connections.get(id) instanceof Map<?, ?> cm ? cast(cm) : Map.of();
            boolean connected = Boolean.TRUE.equals(c.get("connected"));
            devices.add(new SyncthingStatus.Device(DisplayText.inline(deviceNames.get(id)), DisplayText.inline(id),
                    PairingEditor.strings(d.get("addresses")).stream().map(DisplayText::inline).toList(),
                    connected, connected ? text(c.get("address")) : ""));
        }
        List<SyncthingStatus.Folder> folders = new ArrayList<>();
        for (Map<String, Object> f : api.list(SyncthingApi.FOLDERS)) {
            String id = f.get("id") == null ? "" : f.get("id").toString(); // as sent: it names the folder in requests
            Map<String, Object> state = folders.size() < FOLDER_STATES ? api.object(SyncthingApi.folderStatus(id))
                    : Map.of("state", NOT_READ);
            List<String> shared = new ArrayList<>();
            for (Object d : PairingEditor.list(f.get("devices"))) {
                String deviceId = d instanceof Map<?, ?> dm ? String.valueOf(dm.get("deviceID")) : "";
                if (!deviceId.equals(host.deviceId())) {
                    shared.add(DisplayText.inline(deviceNames.getOrDefault(deviceId, deviceId)));
                }
            }
            folders.add(new SyncthingStatus.Folder(DisplayText.inline(id), text(f.get("label")), text(f.get("path")), text(state.get("state")),
                    state.get("needFiles") instanceof Number n ? Math.max(0, n.longValue()) : 0, text(state.get("error")), shared));
        }
        return new SyncthingStatus(host.deviceId(), host.version(), host.tailnetAddresses(), devices, folders);
    }

    /** A value Syncthing sent, as one line for display (only this status is built from it, nothing is sent back). */
    private static String text(Object value) {
        return value == null ? "" : DisplayText.inline(value.toString());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> cast(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }
}
