package dev.mesh.cli;

import dev.mesh.api.TargetHost;
import dev.mesh.core.MeshRuntime;
import dev.mesh.core.config.MeshConfigException;
import dev.mesh.core.input.HostSpec;
import dev.mesh.core.input.InvalidInputException;
import dev.mesh.core.inventory.HostFlags;
import dev.mesh.core.inventory.ResolvedHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Which hosts a command acts on: HOST arguments (each an inventory name or an SSH destination),
 * {@code --tag T} (inventory hosts with any of the tags) or {@code --all} (every inventory host).
 * Everything is resolved before any connection: an unknown tag, an empty selection, a bad inventory
 * or identity file is exit 2.
 *
 * @param hosts the HOST arguments, in order
 * @param all   {@code --all}
 * @param tags  {@code --tag}s
 */
record HostSelection(List<String> hosts, boolean all, List<String> tags) {
    HostSelection {
        hosts = List.copyOf(hosts);
        tags = List.copyOf(tags);
    }

    static HostSelection everyHost() {
        return new HostSelection(List.of(), true, List.of());
    }

    /** Whether this is the one host of today's single-host command (one HOST, no --all or --tag). */
    boolean single() {
        return hosts.size() == 1 && !all && tags.isEmpty();
    }

    /**
     * The hosts, in the order named (HOST arguments, then inventory order), each once.
     *
     * @param port          {@code -p}, or null
     * @param skipSyncthing {@code --skip-syncthing}
     * @throws InvalidInputException    for a selection that names nothing or mixes --all with HOSTs
     * @throws MeshConfigException      for an unknown tag or an inventory that does not read
     */
    List<FleetTarget> resolve(MeshRuntime mesh, Integer port, boolean skipSyncthing) {
        if (all && (!hosts.isEmpty() || !tags.isEmpty())) {
            throw new InvalidInputException("--all selects every inventory host: give it without HOST or --tag.");
        }
        if (!all && hosts.isEmpty() && tags.isEmpty()) {
            throw new InvalidInputException("Name the hosts: HOST…, --tag TAG or --all (the inventory's hosts).");
        }
        HostFlags flags = new HostFlags(Optional.empty(), Optional.ofNullable(port).map(HostSpec::checkPort), skipSyncthing);
        Map<String, FleetTarget> targets = new LinkedHashMap<>();
        for (String text : hosts) {
            HostSpec spec = HostSpec.parse(text);
            TargetHost host = mesh.resolve(spec, port);
            boolean inventory = mesh.hosts().find(spec, flags).isPresent();
            ResolvedHost resolved = mesh.hosts().host(spec, flags);
            boolean skip = resolved.skipSyncthing().value().orElse(false);
            targets.putIfAbsent(text, new FleetTarget(inventory ? spec.host() : text, host, inventory, skip,
                    resolved.preferences()));
        }
        if (all || !tags.isEmpty()) {
            List<ResolvedHost> selected = mesh.hosts().select(tags, flags);
            if (selected.isEmpty()) {
                throw new MeshConfigException("no hosts in " + mesh.hosts().files().file()
                        + (tags.isEmpty() ? "" : " with tag " + String.join(" or ", tags))
                        + ": add some with mesh host add or mesh host import");
            }
            for (ResolvedHost h : selected) {
                targets.putIfAbsent(h.name(), new FleetTarget(h.name(), mesh.login(h), true,
                        h.skipSyncthing().value().orElse(false), h.preferences()));
            }
        }
        return new ArrayList<>(targets.values());
    }
}
