package dev.mesh.core.provision;

import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.HeadscaleNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * REGISTRY_CHECK's reading of Headscale's node list for one host: which node, if any, is the host
 * (a live node with one of the addresses the host itself reports), and why each other node that
 * might be taken for it (same name, HOST among its addresses, the host's address on an expired node)
 * does not count. Lines name nodes by Headscale's names and addresses, which are data from the server:
 * the console neutralises them.
 */
final class ListedNodes {
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final TargetHost host;
    private final NodeRegistry.HostView view;
    private final Instant now;

    ListedNodes(TargetHost host, NodeRegistry.HostView view, Instant now) {
        this.host = host;
        this.view = view;
        this.now = now;
    }

    /** Whether {@code node} has one of the addresses the joined host reports, and a key that has not expired. */
    boolean isThisHostLive(HeadscaleNode node) {
        return node.hasAnyAddress(view.addresses()) && !node.isExpired(now);
    }

    /** One line per node that could be taken for this host but is not it; a line when a joined host has no node. */
    List<String> notCounted(List<HeadscaleNode> nodes) {
        List<String> notes = new ArrayList<>();
        boolean ownAddressListed = false;
        for (HeadscaleNode node : nodes) {
            boolean ownAddress = node.hasAnyAddress(view.addresses());
            ownAddressListed |= ownAddress;
            boolean named = view.name().map(node::isNamed).orElse(false);
            boolean reachedAt = node.hasAddress(host.address());
            if (ownAddress) {
                notes.add(describe(node) + " has this host's address, but its node key expired "
                        + node.expiry().map(WHEN::format).orElse("") + ": the host must log in again");
            } else if (named || reachedAt) {
                notes.add(describe(node) + (named ? " carries this host's name (" + view.name().orElseThrow() + ")"
                        : " has the address mesh reached the host at (" + host.address() + ")")
                        + ", but " + whyNotThisHost());
            }
        }
        if (view.joined() && !ownAddressListed) {
            notes.add("Headscale lists no node with this host's address" + (view.addresses().size() > 1 ? "es (" : " (")
                    + String.join(", ", view.addresses()) + "): the host's login is stale, or from another Headscale"
                    + " at the same URL");
        }
        return notes;
    }

    /** Why a node with the host's name, or HOST among its addresses, is not this host. */
    private String whyNotThisHost() {
        if (view.joined()) {
            return "not this host's Tailscale address" + (view.addresses().size() > 1 ? "es (" : " (")
                    + String.join(", ", view.addresses()) + "): another machine, or this one's old entry";
        }
        return "this host itself is not on this login server (" + view.summary() + "): a name is not an identity"
                + " (another machine, or this one's old entry)";
    }

    /** {@code web1-old (web1), 100.64.0.4, offline, last seen 2025-01-01 00:00 UTC}. */
    private String describe(HeadscaleNode node) {
        StringBuilder s = new StringBuilder("Headscale's node ").append(node.display());
        if (!node.ipAddresses().isEmpty()) {
            s.append(", ").append(String.join(", ", node.ipAddresses()));
        }
        s.append(node.online() ? ", online" : ", offline");
        node.lastSeen().filter(t -> !node.online()).ifPresent(t -> s.append(", last seen ").append(WHEN.format(t)));
        return s.toString();
    }
}
