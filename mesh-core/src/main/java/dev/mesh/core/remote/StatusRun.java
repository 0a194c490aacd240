package dev.mesh.core.remote;

import dev.mesh.api.FailureReason;
import dev.mesh.api.HostStatusReport;
import dev.mesh.api.StatusReport;
import dev.mesh.api.StepListener;
import dev.mesh.api.SyncthingPairing;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.syncthing.PairingStatus;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * {@code mesh remote status}: each host's plugin reads what it has ({@link HostStatusReport}), then,
 * over the same connection, its Syncthing pairing ({@link PairingStatus}, through the plugin's
 * {@link SyncthingPairing}), read-only; Headscale's node list is fetched once for all hosts and each
 * host gets its node ({@link HostNodes}). Once every host is read, the Syncthing devices that are hosts
 * of this run are named after them (their device IDs are learnt from the hosts themselves).
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
     * @param syncthing its Syncthing pairing, or why it is not shown
     */
    public record HostStatus(StatusReport report, Optional<HeadscaleNode> node, String headscale, PairingStatus syncthing) {
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
        List<RemoteHosts.Visit<HostStatus>> visits = hosts.each(targets, listeners, loginServer, true, "STATUS",
                FailureReason.STATUS_FAILED, host -> {
                    StatusReport report = host.require(HostStatusReport.class, FailureReason.STATUS_FAILED).statusReport(host.ctx());
                    PairingStatus syncthing = PairingStatus.read(host.capability(SyncthingPairing.class), host.plugin(), report,
                            host.ctx());
                    return new HostStatus(report, listed.of(report.tailscale().status(), host.target().name()), listed.problem(),
                            syncthing);
                });
        Map<String, String> names = new HashMap<>();
        visits.forEach(v -> v.result().flatMap(s -> s.syncthing().deviceId()).ifPresent(id -> names.putIfAbsent(id, v.target().name())));
        return visits.stream().map(v -> new RemoteHosts.Visit<>(v.target(), v.os(), v.result().map(s -> new HostStatus(s.report(),
                s.node(), s.headscale(), s.syncthing().named(names))), v.failure(), v.elapsed())).toList();
    }
}
