package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.api.StatusReport;
import dev.mesh.api.tailscale.TailscaleReport;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.remote.RemoteHosts;
import dev.mesh.core.remote.RemovalRun;
import dev.mesh.core.remote.StatusRun;
import dev.mesh.core.syncthing.PairingStatus;
import dev.mesh.core.syncthing.SyncthingPairingRun;
import dev.mesh.core.text.DisplayText;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The JSON documents of {@code mesh remote status} (schema {@code remote-status}) and {@code mesh
 * remote remove} (schema {@code remote-remove}), in the family of the host commands' documents:
 * {@code {"command", "hosts": [{"name", "address", "port", "user", "outcome", …, "failure",
 * "duration-ms"}], "counts", "exit-code"}}. Host and server text goes through {@link DisplayText}.
 */
final class RemoteJson {
    private RemoteJson() {
    }

    static ObjectNode status(List<RemoteHosts.Visit<StatusRun.HostStatus>> visits, int exit) {
        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", "remote status");
        ArrayNode hosts = doc.putArray("hosts");
        for (RemoteHosts.Visit<StatusRun.HostStatus> v : visits) {
            ObjectNode h = host(v, v.failure().isPresent() ? "failed" : "ok");
            h.put("os", v.os().map(os -> DisplayText.of(os.describe())).orElse(null));
            v.result().ifPresent(s -> status(h, s));
            hosts.add(end(h, v));
        }
        doc.putObject("counts").put("hosts", visits.size()).put("ok", visits.stream().filter(v -> v.failure().isEmpty()).count())
                .put("failed", visits.stream().filter(v -> v.failure().isPresent()).count());
        return doc.put("exit-code", exit);
    }

    private static void status(ObjectNode h, StatusRun.HostStatus s) {
        StatusReport r = s.report();
        TailscaleReport t = r.tailscale();
        ObjectNode ts = h.putObject("tailscale").put("installed", t.installed())
                .put("version", DisplayText.of(t.version())).put("daemon-running", t.daemonRunning())
                .put("backend-state", DisplayText.of(t.status().backendState()))
                .put("control-url", t.controlUrl().map(DisplayText::of).orElse(null));
        ArrayNode addresses = ts.putArray("addresses");
        t.status().addresses().forEach(a -> addresses.add(DisplayText.of(a)));
        ObjectNode prefs = ts.putObject("preferences");
        t.preferences().ifPresent(p -> p.values().forEach((k, val) -> prefs.put(k, DisplayText.of(val))));
        ObjectNode syncthing = h.putObject("syncthing").put("installed", r.syncthingInstalled()).put("running", r.syncthingRunning());
        PairingStatus pairing = s.syncthing();
        syncthing.putObject("pairing").put("state", pairing.state().json())
                .put("reason", pairing.reason().isEmpty() ? null : DisplayText.of(pairing.reason()))
                .set("status", pairing.status().map(PairingJson::status).orElse(null));
        ObjectNode hs = h.putObject("headscale").put("problem", DisplayText.of(s.headscale()));
        hs.set("node", s.node().map(RemoteJson::node).orElse(null));
        ArrayNode notes = h.putArray("notes");
        r.notes().forEach(n -> notes.add(DisplayText.of(n)));
    }

    private static ObjectNode node(HeadscaleNode n) {
        return HostRendering.JSON.createObjectNode().put("id", n.id()).put("name", DisplayText.of(n.name()))
                .put("given-name", DisplayText.of(n.givenName())).put("online", n.online())
                .put("last-seen", n.lastSeen().map(Instant::toString).orElse(null))
                .put("expiry", n.expiry().map(Instant::toString).orElse(null));
    }

    static ObjectNode remove(List<RemoteHosts.Visit<RemovalRun.HostRemoval>> visits, boolean dryRun,
                             Optional<List<SyncthingPairingRun.HostReport>> pairing, int exit) {
        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", "remote remove").put("dry-run", dryRun);
        ArrayNode hosts = doc.putArray("hosts");
        for (RemoteHosts.Visit<RemovalRun.HostRemoval> v : visits) {
            ObjectNode h = host(v, outcome(v, dryRun));
            ArrayNode changes = h.putArray("changes");
            ArrayNode left = h.putArray("left");
            v.result().ifPresent(r -> {
                r.changes().forEach(c -> changes.add(DisplayText.of(c)));
                r.left().forEach(l -> left.add(DisplayText.of(l)));
            });
            hosts.add(end(h, v));
        }
        doc.set("syncthing-pairing", pairing.map(p -> PairingJson.document(PairingJson.UNPAIR, p, PairingCli.exitCode(p)))
                .orElse(null));
        ObjectNode counts = doc.putObject("counts").put("hosts", visits.size());
        for (String o : List.of("changed", "unchanged", "planned", "failed")) {
            counts.put(o, visits.stream().filter(v -> outcome(v, dryRun).equals(o)).count());
        }
        return doc.put("exit-code", exit);
    }

    /** {@code changed}, {@code unchanged}, {@code planned} (a dry run with something to do) or {@code failed}. */
    static String outcome(RemoteHosts.Visit<RemovalRun.HostRemoval> v, boolean dryRun) {
        if (v.failure().isPresent()) {
            return "failed";
        }
        boolean changed = v.result().map(RemovalRun.HostRemoval::changed).orElse(false);
        return !changed ? "unchanged" : dryRun ? "planned" : "changed";
    }

    private static ObjectNode host(RemoteHosts.Visit<?> v, String outcome) {
        return HostRendering.JSON.createObjectNode()
                .put("name", DisplayText.of(v.target().name()))
                .put("address", DisplayText.of(v.target().host().address()))
                .put("port", v.target().host().port())
                .put("user", DisplayText.of(v.target().host().user()))
                .put("outcome", outcome);
    }

    private static ObjectNode end(ObjectNode h, RemoteHosts.Visit<?> v) {
        h.set("failure", v.failure().map(f -> HostRendering.JSON.createObjectNode().put("step", f.step())
                .put("reason", f.reason().name()).put("message", f.reason().message())
                .put("cause", DisplayText.of(f.cause())).put("hint", DisplayText.of(f.hint()))).orElse(null));
        return h.put("duration-ms", v.elapsed().toMillis());
    }
}
