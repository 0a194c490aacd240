package dev.mesh.core.provision;

import dev.mesh.api.CommandResult;
import dev.mesh.api.FailureReason;
import dev.mesh.api.RemoteConnection;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.TargetHost;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The two questions the sequence asks Headscale about a host: is it already registered
 * (REGISTRY_CHECK), and does Headscale list it after it joined (NODE_CONFIRMING).
 *
 * <p>Matching a host to a node: Headscale's nodes carry the name the machine reported and their
 * Tailscale addresses, not the address SSH used. So a host matches a node when
 * <ul>
 *   <li>HOST is one of the node's Tailscale addresses (the operator reached it over the mesh), or</li>
 *   <li>the name the host itself reports ({@code hostname}, which sh, cmd.exe and PowerShell all
 *       run) equals the node's name or given name, compared on the first label, ignoring case.</li>
 * </ul>
 * When {@code hostname} gives nothing, a HOST typed as a name is used instead; a HOST typed as an
 * IP address never becomes a name (the seed turned {@code user@10.0.0.56} into "10").
 */
public final class NodeRegistry {
    /** Prints the machine's own host name on Linux, macOS and Windows alike. */
    static final String HOSTNAME_COMMAND = "hostname";

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");

    private final HeadscaleNodes nodes;
    private final Duration confirmTimeout;
    private final Duration confirmInterval;

    /**
     * @param confirmTimeout  how long {@link #confirm} waits ({@code mesh.headscale.confirm-timeout})
     * @param confirmInterval how often it asks ({@code mesh.headscale.confirm-interval})
     */
    public NodeRegistry(HeadscaleNodes nodes, Duration confirmTimeout, Duration confirmInterval) {
        this.nodes = nodes;
        this.confirmTimeout = confirmTimeout;
        this.confirmInterval = confirmInterval;
    }

    /** What REGISTRY_CHECK learned: the name it matched on (if any) and the node found (if any). */
    record Lookup(Optional<String> hostName, Optional<HeadscaleNode> node) {
    }

    /** The node Headscale already lists for {@code host}, if any. */
    Lookup registered(TargetHost host, RemoteConnection connection, Duration timeout) {
        Optional<String> name = hostName(host, connection, timeout);
        List<HeadscaleNode> all = list(FailureReason.REGISTRY_CHECK_FAILED);
        Optional<HeadscaleNode> match = all.stream().filter(n -> n.hasAddress(host.address())).findFirst();
        if (match.isEmpty() && name.isPresent()) {
            match = all.stream().filter(n -> n.isNamed(name.get())).findFirst();
        }
        return new Lookup(name, match);
    }

    /**
     * Waits until Headscale lists a node with any of {@code addresses} (the host's Tailscale
     * addresses, IPv4 and IPv6: a tailnet may have only one kind).
     *
     * @throws StepFailedException NODE_NOT_CONFIRMED when none shows up in time
     */
    HeadscaleNode confirm(List<String> addresses) {
        long deadline = System.nanoTime() + confirmTimeout.toNanos();
        while (true) {
            Optional<HeadscaleNode> node = list(FailureReason.NODE_CONFIRM_FAILED).stream()
                    .filter(n -> addresses.stream().anyMatch(n::hasAddress)).findFirst();
            if (node.isPresent()) {
                return node.get();
            }
            if (System.nanoTime() + confirmInterval.toNanos() > deadline) {
                throw new StepFailedException(FailureReason.NODE_NOT_CONFIRMED, "Tailscale runs with "
                        + String.join(", ", addresses) + ", but Headscale lists no node with "
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

    private static Optional<String> hostName(TargetHost host, RemoteConnection connection, Duration timeout) {
        CommandResult r = connection.run(HOSTNAME_COMMAND, timeout);
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
