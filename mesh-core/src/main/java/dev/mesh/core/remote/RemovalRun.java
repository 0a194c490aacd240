package dev.mesh.core.remote;

import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatusReport;
import dev.mesh.api.NodeRemoval;
import dev.mesh.api.RemovalOptions;
import dev.mesh.api.RemovalReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.StepFailedException;
import dev.mesh.api.StepListener;
import dev.mesh.api.tailscale.TailscaleStatus;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@code mesh remote remove}: on each host, in parallel, the plugin reads the node
 * ({@link HostStatusReport}, for its addresses), logs it out and does what was asked
 * ({@link NodeRemoval}); then its node is deleted in Headscale (after the logout, which needs the
 * control server to know the node), unless kept. Headscale's node list is fetched once, before any
 * host is touched: when it cannot be, no host is touched. A host already removed changes nothing.
 * In a dry run nothing changes anywhere and each host's report lists what would be done.
 */
public final class RemovalRun {
    private final RemoteHosts hosts;
    private final HeadscaleNodes headscale;

    /**
     * What the run asks.
     *
     * @param options  the plugin's part (uninstall, unprepare)
     * @param keepNode {@code --keep-node}: the Headscale node stays
     * @param dryRun   {@code --dry-run}
     */
    public record Request(RemovalOptions options, boolean keepNode, boolean dryRun) {
    }

    /**
     * One host's removal.
     *
     * @param changes            what was changed (in a dry run: would be), in order; empty: nothing needed changing
     * @param left               what stays on the host or in Headscale
     * @param syncthingInstalled whether the host had Syncthing (it may be in a pairing)
     */
    public record HostRemoval(List<String> changes, List<String> left, boolean syncthingInstalled) {
        public HostRemoval {
            changes = List.copyOf(changes);
            left = List.copyOf(left);
        }

        public boolean changed() {
            return !changes.isEmpty();
        }
    }

    public RemovalRun(RemoteHosts hosts, HeadscaleNodes headscale) {
        this.hosts = hosts;
        this.headscale = headscale;
    }

    public List<RemoteHosts.Visit<HostRemoval>> run(List<RemoteHosts.Target> targets,
                                                    Function<RemoteHosts.Target, StepListener> listeners,
                                                    URI loginServer, Request request) {
        HostNodes listed = request.keepNode() ? new HostNodes(List.of(), "") : HostNodes.fetch(headscale);
        if (!listed.known()) {
            StepFailedException e = new StepFailedException(FailureReason.HEADSCALE_UNREACHABLE,
                    "Headscale's node list could not be read, so no host was touched: " + listed.problem());
            return hosts.each(targets, listeners, Optional.of(loginServer), true, "HEADSCALE", FailureReason.REMOVE_FAILED,
                    host -> {
                        throw e;
                    });
        }
        return hosts.each(targets, listeners, Optional.of(loginServer), request.dryRun(), "REMOVE", FailureReason.REMOVE_FAILED,
                host -> remove(host, listed, request));
    }

    private HostRemoval remove(RemoteHosts.Opened host, HostNodes listed, Request request) {
        NodeRemoval removal = host.require(NodeRemoval.class, FailureReason.REMOVE_FAILED);
        Optional<StatusReport> before = host.capability(HostStatusReport.class).map(s -> s.statusReport(host.ctx()));
        TailscaleStatus status = before.map(b -> b.tailscale().status()).orElse(TailscaleStatus.of("NoState", List.of()));
        Optional<HeadscaleNode> node = listed.of(status, host.target().name());
        RemovalReport report = removal.removeNode(host.ctx(), request.options());
        List<String> changes = new ArrayList<>(report.changes());
        List<String> left = new ArrayList<>(report.left());
        StepListener listener = host.ctx().listener();
        if (node.isEmpty()) {
            if (!request.keepNode()) {
                listener.ok("Headscale lists no node for this host");
            }
        } else if (request.keepNode()) {
            left.add("the Headscale node " + node.get().display() + " (id " + node.get().id() + "), kept (--keep-node)");
        } else if (request.dryRun()) {
            changes.add("delete the Headscale node " + node.get().display() + " (id " + node.get().id() + ")");
            listener.info("A real run would delete the Headscale node " + node.get().display() + " (id " + node.get().id() + ")");
        } else {
            try {
                headscale.delete(node.get().id());
            } catch (AuthKeyException e) {
                throw new StepFailedException(FailureReason.REMOVE_FAILED, "the host left the mesh, but Headscale did not"
                        + " delete its node " + node.get().display() + " (id " + node.get().id() + "): " + e.getMessage(),
                        e.kind().hint());
            }
            changes.add("deleted the Headscale node " + node.get().display() + " (id " + node.get().id() + ")");
            listener.ok("Deleted the Headscale node " + node.get().display() + " (id " + node.get().id() + ")");
        }
        return new HostRemoval(changes, left, before.map(StatusReport::syncthingInstalled).orElse(true));
    }
}
