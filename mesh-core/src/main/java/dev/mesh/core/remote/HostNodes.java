package dev.mesh.core.remote;

import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import java.util.List;
import java.util.Optional;

/**
 * Headscale's node list, fetched once for a status or remove run, and the node that is a host's:
 * the node with any of the host's Tailscale addresses; for a host without addresses (logged out),
 * the one node named as the host reports itself ({@code Self.HostName}) or as mesh knows it, when
 * exactly one node has that name and it is offline (host names are not identities: a reinstalled
 * machine's old entry keeps the name).
 *
 * @param nodes   the list, empty when it could not be fetched
 * @param problem why it could not be fetched, empty when it was
 */
public record HostNodes(List<HeadscaleNode> nodes, String problem) {
    public HostNodes {
        nodes = List.copyOf(nodes);
    }

    /** Fetches the list; a failure is kept as {@link #problem()}. */
    public static HostNodes fetch(HeadscaleNodes headscale) {
        try {
            return new HostNodes(headscale.list(), "");
        } catch (AuthKeyException | RuntimeException e) {
            return new HostNodes(List.of(), e.getMessage() == null ? e.toString() : e.getMessage());
        }
    }

    public boolean known() {
        return problem.isEmpty();
    }

    /** The host's node, if Headscale lists one. */
    public Optional<HeadscaleNode> of(TailscaleStatus status, String meshName) {
        if (!status.addresses().isEmpty()) {
            Optional<HeadscaleNode> byAddress = nodes.stream().filter(n -> n.hasAnyAddress(status.addresses())).findFirst();
            if (byAddress.isPresent() || status.running()) {
                return byAddress;
            }
        }
        String name = status.hostName().isEmpty() ? meshName : status.hostName();
        List<HeadscaleNode> named = nodes.stream().filter(n -> n.isNamed(name)).toList();
        return named.size() == 1 && !named.get(0).online() ? Optional.of(named.get(0)) : Optional.empty();
    }
}
