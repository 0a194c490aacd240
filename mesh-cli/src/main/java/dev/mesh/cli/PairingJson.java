package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.core.syncthing.SyncthingPairingRun.HostReport;
import dev.mesh.core.syncthing.SyncthingPairingRun.Outcome;
import dev.mesh.core.syncthing.SyncthingStatus;
import dev.mesh.core.text.DisplayText;
import java.util.List;

/**
 * The JSON documents of {@code mesh syncthing pair|unpair|status} (schema {@code syncthing-document}
 * in {@code src/test/resources/schemas}), in the family of the host commands' documents:
 * {@code {"command", "hosts": [{"name", "address", "port", "user", "outcome", "changes", "syncthing",
 * "failure", "duration-ms"}], "counts", "exit-code"}}. {@link #status} is the per-host
 * {@code "syncthing"} object, and {@code mesh remote status}'s {@code "pairing"} {@code "status"}. Host text goes through {@link DisplayText}.
 */
final class PairingJson {
    static final String PAIR = "syncthing pair";
    static final String UNPAIR = "syncthing unpair";
    static final String STATUS = "syncthing status";

    private PairingJson() {
    }

    static ObjectNode document(String command, List<HostReport> reports, int exit) {
        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", command);
        ArrayNode hosts = doc.putArray("hosts");
        reports.forEach(r -> hosts.add(host(r)));
        ObjectNode counts = doc.putObject("counts").put("hosts", reports.size());
        for (Outcome o : Outcome.values()) {
            counts.put(o.json(), reports.stream().filter(r -> r.outcome() == o).count());
        }
        return doc.put("exit-code", exit);
    }

    /** {@code remote provision --pair-syncthing}: the provision document with {@code "syncthing-pairing"} (or as it is). */
    static ObjectNode attach(ObjectNode provision, List<HostReport> pairing) {
        if (pairing != null) {
            provision.set("syncthing-pairing", document(PAIR, pairing, PairingCli.exitCode(pairing)));
        }
        return provision;
    }

    static ObjectNode host(HostReport r) {
        ObjectNode h = HostRendering.JSON.createObjectNode()
                .put("name", DisplayText.of(r.host().name()))
                .put("address", DisplayText.of(r.host().target().address()))
                .put("port", r.host().target().port())
                .put("user", DisplayText.of(r.host().target().user()))
                .put("outcome", r.outcome().json());
        ArrayNode changes = h.putArray("changes");
        r.changes().forEach(c -> changes.add(DisplayText.of(c)));
        h.set("syncthing", r.status().map(PairingJson::status).orElse(null));
        h.set("failure", r.failure().map(f -> HostRendering.JSON.createObjectNode().put("step", f.step())
                .put("reason", f.reason().name()).put("message", f.reason().message())
                .put("cause", DisplayText.of(f.cause())).put("hint", DisplayText.of(f.hint()))).orElse(null));
        return h.put("duration-ms", r.elapsed().toMillis());
    }

    /**
     * {@code {"device-id", "version", "tailnet-addresses", "devices": [{"name", "device-id", "addresses",
     * "connected", "address"}], "folders": [{"id", "label", "path", "state", "need-files", "error",
     * "shared-with"}]}}.
     */
    static ObjectNode status(SyncthingStatus s) {
        ObjectNode node = HostRendering.JSON.createObjectNode().put("device-id", DisplayText.of(s.deviceId()))
                .put("version", DisplayText.of(s.version()));
        strings(node.putArray("tailnet-addresses"), s.tailnetAddresses());
        ArrayNode devices = node.putArray("devices");
        for (SyncthingStatus.Device d : s.devices()) {
            ObjectNode device = devices.addObject().put("name", DisplayText.of(d.name()))
                    .put("device-id", DisplayText.of(d.deviceId()));
            strings(device.putArray("addresses"), d.addresses());
            device.put("connected", d.connected()).put("address", d.connected() ? DisplayText.of(d.address()) : null);
        }
        ArrayNode folders = node.putArray("folders");
        for (SyncthingStatus.Folder f : s.folders()) {
            ObjectNode folder = folders.addObject().put("id", DisplayText.of(f.id())).put("label", DisplayText.of(f.label()))
                    .put("path", DisplayText.of(f.path())).put("state", DisplayText.of(f.state()))
                    .put("need-files", f.needFiles()).put("error", f.error().isEmpty() ? null : DisplayText.of(f.error()));
            strings(folder.putArray("shared-with"), f.sharedWith());
        }
        return node;
    }

    private static void strings(ArrayNode array, List<String> values) {
        values.forEach(v -> array.add(DisplayText.of(v)));
    }
}
