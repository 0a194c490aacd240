package dev.mesh.core.remote;

import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatusReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.StepListener;
import dev.mesh.core.authkey.HeadscaleNode;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code mesh remote status}: each host's plugin reads what it has ({@link HostStatusReport}), read-only;
 * Headscale's node list is fetched once for all hosts and each host gets its node ({@link HostNodes}).
 */
public final class StatusRun {
    private final RemoteHosts hosts;
    private final Supplier<HostNodes> nodes;

    /**
     * One host's status.
     *
     * @param report    what its plugin read
     * @param node      Headscale's node for it, when Headscale lists one
     * @param headscale why Headscale's view is missing (not configured, unreachable), empty when it was read
     */
    public record HostStatus(StatusReport report, Optional<HeadscaleNode> node, String headscale) {
    }

    /** @param nodes fetches Headscale's node list (called once per run) */
    public StatusRun(RemoteHosts hosts, Supplier<HostNodes> nodes) {
        this.hosts = hosts;
        this.nodes = nodes;
    }

    /** Reads every host; changes nothing anywhere. */
    public List<RemoteHosts.Visit<HostStatus>> run(List<RemoteHosts.Target> targets,
                                                   Function<RemoteHosts.Target, StepListener> listeners,
                                                   Optional<URI> loginServer) {
        HostNodes listed = nodes.get();
        return hosts.each(targets, listeners, loginServer, true, "STATUS", FailureReason.STATUS_FAILED, host -> {
            StatusReport report = host.require(HostStatusReport.class, FailureReason.STATUS_FAILED).statusReport(host.ctx());
            return new HostStatus(report, listed.of(report.tailscale().status(), host.target().name()), listed.problem());
        });
    }
}
