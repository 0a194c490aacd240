package dev.mesh.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mesh.api.DetectedOs;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningReport;
import dev.mesh.core.text.DisplayText;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The JSON documents of the commands that act on hosts ({@code remote provision}, {@code detect},
 * {@code prepare}): one shape for every host result (README "JSON output", schema
 * {@code host-result} in {@code src/test/resources/schemas}). Text a host or server supplied goes
 * through {@link DisplayText} (secrets scrubbed, control characters shown escaped).
 */
final class ResultJson {
    private ResultJson() {
    }

    /**
     * {@code {"name", "address", "port", "user", "outcome", "states", "tailscale-ips", "node", "changed",
     * "duration-ms", "failure", "planned", "manual", "interrupted"}}.
     */
    static ObjectNode host(FleetTarget target, Optional<ProvisioningReport> report, Duration elapsed,
                           Optional<HeadscaleNode> node, Hints hints) {
        ObjectNode h = HostRendering.JSON.createObjectNode()
                .put("name", DisplayText.of(target.name()))
                .put("address", DisplayText.of(target.host().address()))
                .put("port", target.host().port())
                .put("user", DisplayText.of(target.host().user()));
        Optional<ProvisioningOutcome> outcome = report.map(ProvisioningReport::outcome);
        h.put("outcome", outcome.map(HostOutcome::of).orElse(HostOutcome.NOT_STARTED).json());
        ArrayNode states = h.putArray("states");
        report.ifPresent(r -> r.path().forEach(s -> states.add(s.name())));
        ArrayNode ips = h.putArray("tailscale-ips");
        if (node.isPresent()) {
            node.get().ipAddresses().forEach(ip -> ips.add(DisplayText.of(ip)));
        } else if (outcome.orElse(null) instanceof ProvisioningOutcome.Success s && !s.tailscaleIp().isEmpty()) {
            ips.add(s.tailscaleIp());
        }
        if (node.isPresent()) {
            h.putObject("node").put("id", DisplayText.of(node.get().id())).put("name", DisplayText.of(node.get().name()));
        } else {
            h.putNull("node");
        }
        h.put("changed", report.map(r -> HostOutcome.mayHaveChanged(r.outcome(), r.path())).orElse(false));
        h.put("duration-ms", elapsed.toMillis());
        ObjectNode failure = null;
        if (outcome.orElse(null) instanceof ProvisioningOutcome.Failed f) {
            failure = HostRendering.JSON.createObjectNode().put("step", f.step()).put("reason", f.reason().name())
                    .put("message", f.reason().message()).put("cause", DisplayText.of(f.cause()))
                    .put("hint", DisplayText.of(hints.forFailure(target, f)));
        }
        h.set("failure", failure);
        if (outcome.orElse(null) instanceof ProvisioningOutcome.Planned p) {
            ArrayNode planned = h.putArray("planned");
            p.actions().forEach(a -> planned.add(DisplayText.of(a)));
        } else {
            h.putNull("planned");
        }
        h.put("manual", outcome.orElse(null) instanceof ProvisioningOutcome.ManualNeeded m
                ? DisplayText.of(m.instructions()) : null);
        ObjectNode interrupted = null;
        if (outcome.orElse(null) instanceof ProvisioningOutcome.Interrupted i) {
            interrupted = HostRendering.JSON.createObjectNode().put("step", i.step())
                    .put("host-state", DisplayText.of(i.hostState()));
        }
        h.set("interrupted", interrupted);
        return h;
    }

    /** {@code {"family", "distribution", "version", "architecture", "package-manager", "wsl"}}. */
    static ObjectNode os(DetectedOs os) {
        return HostRendering.JSON.createObjectNode().put("family", DisplayText.of(os.family()))
                .put("distribution", DisplayText.of(os.distribution())).put("version", DisplayText.of(os.version()))
                .put("architecture", DisplayText.of(os.architecture()))
                .put("package-manager", DisplayText.of(os.packageManager())).put("wsl", os.wsl());
    }

    /**
     * {@code {"command", "hosts": […], "counts": {"hosts", "success", "planned", "failed", "manual", "interrupted",
     * "not-started"}, "warnings": […], "exit-code"}}.
     */
    static ObjectNode document(String command, List<ObjectNode> hosts, List<String> warnings, int exitCode) {
        ObjectNode doc = HostRendering.JSON.createObjectNode().put("command", command);
        ArrayNode list = doc.putArray("hosts");
        hosts.forEach(list::add);
        ObjectNode counts = doc.putObject("counts").put("hosts", hosts.size());
        for (HostOutcome o : HostOutcome.values()) {
            counts.put(o.json(), hosts.stream().filter(h -> h.get("outcome").asText().equals(o.json())).count());
        }
        ArrayNode w = doc.putArray("warnings");
        warnings.forEach(x -> w.add(DisplayText.of(x)));
        return doc.put("exit-code", exitCode);
    }
}
