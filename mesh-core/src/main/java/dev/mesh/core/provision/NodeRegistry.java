package dev.mesh.core.provision;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two questions the sequence asks Headscale about a host: does Headscale back what the host says
 * about itself (REGISTRY_CHECK), and does it list the host after it joined (NODE_CONFIRMING).
 *
 * <p>Headscale's node list is a hint, never the verdict: a host is "already on the mesh" only when
 * the host itself says it is Running on this login server (PREFLIGHT) with an address Headscale lists
 * for a node whose key has not expired. A node's name proves nothing: two machines may share one, and a
 * reinstalled machine leaves its old entry behind. Nodes that carry the host's name (its own
 * {@code hostname}, or HOST typed as a name), or HOST among their addresses, but do not count, are
 * explained ({@link ListedNodes}). The seed's IP-to-name bug stays fixed: a HOST typed as an IP
 * address never becomes a name.
 */
public final class NodeRegistry {
    /** Prints the machine's own host name on Linux, macOS and Windows alike. */
    static final String HOSTNAME_COMMAND = "hostname";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final HeadscaleNodes nodes;
    private final Duration confirmTimeout;
    private final Duration confirmInterval;
    private final Clock clock;

    /**
     * @param confirmTimeout  how long {@link #confirm} waits ({@code mesh.headscale.confirm-timeout})
     * @param confirmInterval how often it asks ({@code mesh.headscale.confirm-interval})
     */
    public NodeRegistry(HeadscaleNodes nodes, Duration confirmTimeout, Duration confirmInterval) {
        this(nodes, confirmTimeout, confirmInterval, Clock.systemUTC());
    }

    NodeRegistry(HeadscaleNodes nodes, Duration confirmTimeout, Duration confirmInterval, Clock clock) {
        this.nodes = nodes;
        this.confirmTimeout = confirmTimeout;
        this.confirmInterval = confirmInterval;
        this.clock = clock;
    }

    /**
     * What the host says about itself, from PREFLIGHT.
     *
     * @param name      its own host name ({@code hostname}), or HOST typed as a name; empty otherwise
     * @param joined    it says it is Running on this run's login server
     * @param addresses its Tailscale addresses, as it reports them (empty when not joined)
     * @param summary   PREFLIGHT's line, e.g. "Tailscale not installed", to say why it is not joined
     */
    record HostView(Optional<String> name, boolean joined, List<String> addresses, String summary) {
        HostView {
            addresses = List.copyOf(addresses);
        }
    }

    /**
     * What REGISTRY_CHECK concluded.
     *
     * @param node  the live node the host is, when the host is joined and Headscale backs it; empty:
     *              provision the host
     * @param notes why each node that might have been taken for this host does not count, one line each
     */
    record Verdict(Optional<HeadscaleNode> node, List<String> notes) {
        Verdict {
            notes = List.copyOf(notes);
        }
    }

    /** REGISTRY_CHECK: whether Headscale backs what the host says ({@link HostView}). */
    Verdict check(TargetHost host, HostView view) {
        List<HeadscaleNode> all = list(FailureReason.REGISTRY_CHECK_FAILED);
        ListedNodes listed = new ListedNodes(host, view, clock.instant());
        Optional<HeadscaleNode> live = view.joined() ? all.stream().filter(listed::isThisHostLive).findFirst()
                : Optional.empty();
        if (live.isPresent()) {
            return new Verdict(live, List.of());
        }
        return new Verdict(Optional.empty(), listed.notCounted(all));
    }

    /**
     * Waits until Headscale lists a live (not expired) node with any of {@code addresses} (the host's
     * Tailscale addresses, IPv4 and IPv6: a tailnet may have only one kind).
     *
     * @throws StepFailedException NODE_NOT_CONFIRMED when none shows up in time
     */
    HeadscaleNode confirm(List<String> addresses) {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        while (true) {
            Optional<HeadscaleNode> node = list(FailureReason.NODE_CONFIRM_FAILED).stream()
                    .filter(n -> n.hasAnyAddress(addresses) && !n.isExpired(clock.instant())).findFirst();
            if (node.isPresent()) {
                return node.get();
            }
            if (System.nanoTime() + confirmInterval.toNanos() > deadline) {
                throw new StepFailedException(FailureReason.NODE_NOT_CONFIRMED, "Tailscale runs with "
                        + String.join(", ", addresses) + ", but Headscale lists no live node with "
                        + (addresses.size() == 1 ? "that address" : "any of these addresses") + " after "
                        + confirmTimeout.toSeconds()
                        + "s: the host may be logged in to another control server (check mesh.server-url), or"
                        + " Headscale is slow to list it (raise mesh.headscale.confirm-timeout)");
            }
            try {
                Thread.sleep(confirmInterval.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StepFailedException(FailureReason.NODE_NOT_CONFIRMED, "interrupted while waiting for Headscale");
            }
        }
    }

    /** Headscale's nodes; a failure is {@code otherwise}, or HEADSCALE_UNREACHABLE when it is that. */
    private List<HeadscaleNode> list(FailureReason otherwise) {
        try {
            return nodes.list();
        } catch (AuthKeyException e) {
            throw new StepFailedException(Failures.headscale(e, otherwise), "cannot list Headscale's nodes: "
                    + e.getMessage());
        }
    }

    /**
     * The host's own name ({@code hostname}); when it gives none, HOST if it was typed as a name. An IP
     * address never becomes a name.
     */
    static Optional<String> hostName(TargetHost host, RemoteConnection connection, Duration timeout) {
        CommandResult r = connection.probe(HOSTNAME_COMMAND, timeout);
        String reported = r.out();
        if (r.succeeded() && NAME.matcher(reported).matches()) {
            return Optional.of(reported);
        }
        return isIpAddress(host.address()) ? Optional.empty() : Optional.of(host.address());
    }

    static boolean isIpAddress(String address) {
        return IPV4.matcher(address).matches() || address.indexOf(':') >= 0;
    }
}
