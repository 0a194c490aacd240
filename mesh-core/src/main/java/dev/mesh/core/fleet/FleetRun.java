package dev.mesh.core.fleet;

import dev.mesh.api.StepListener;
import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.HeadscaleClient;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import dev.mesh.core.provision.ProvisioningOutcome;
import dev.mesh.core.provision.ProvisioningReport;
import dev.mesh.core.provision.ProvisioningRequest;
import dev.mesh.core.provision.ProvisioningSequence;
import dev.mesh.core.provision.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

/**
 * Provisions many hosts in one process: at most {@code parallel} at a time, each with its own SSH
 * connection from the process's one client, in the order given (with {@code parallel = 1}, one
 * after the other: the seed's {@code provision-all}). Each host's run is bounded by its own
 * timeouts (connect, command, Headscale), so a failing or hanging host holds up only its own
 * worker. Headscale is shared ({@link SharedNodes}, {@link SharedKeys}); its version and user ids
 * are asked once because every host uses the same client.
 *
 * <p>Stopping ({@link StopSignal#requestStop}): no host starts any more (those left are reported
 * as not started), each running host's sequence ends its command and reaches its safe point; then
 * the run's keys are expired and {@link #run} returns.
 */
public final class FleetRun {
    private final SharedKeys keys;
    private final SharedNodes nodes;
    private final BiFunction<AuthKeySource, HeadscaleNodes, ProvisioningSequence> sequences;
    private final int parallel;

    /** One host of the run: its name (inventory name, or HOST as typed) and what to do. */
    public record Host(String name, ProvisioningRequest request) {
    }

    /**
     * What happened to one host.
     *
     * @param report  the sequence's report; empty when the host was never started (stopped before its turn)
     * @param elapsed from its start to its end (zero when not started)
     * @param node    the Headscale node that has its Tailscale IP, when Headscale listed one
     */
    public record HostResult(Host host, Optional<ProvisioningReport> report, Duration elapsed,
                             Optional<HeadscaleNode> node) {
        public boolean started() {
            return report.isPresent();
        }

        /** The outcome, or empty when not started. */
        public Optional<ProvisioningOutcome> outcome() {
            return report.map(ProvisioningReport::outcome);
        }
    }

    /**
     * The run's end.
     *
     * @param hosts    one result per host, in the order given
     * @param warnings what went wrong around the hosts (a key that could not be expired)
     * @param nodeLists how many times Headscale's node list was fetched
     */
    public record Report(List<HostResult> hosts, List<String> warnings, int nodeLists) {
        public Report {
            hosts = List.copyOf(hosts);
            warnings = List.copyOf(warnings);
        }
    }

    /** What the run tells whoever shows it; called from the hosts' threads. */
    public interface Progress {
        /** The listener of {@code host}'s sequence. */
        StepListener listener(Host host);

        default void started(Host host) {
        }

        default void finished(HostResult result) {
        }
    }

    /**
     * @param headscale       the run's Headscale client (built lazily: a run that never needs it never asks)
     * @param confirmInterval how often the shared NODE_CONFIRMING poll may ask
     * @param sequences       a sequence with the given key source and node list (one per host: cheap)
     * @param parallel        hosts at a time, at least 1
     */
    public FleetRun(HeadscaleClient headscale, Duration confirmInterval,
                    BiFunction<AuthKeySource, HeadscaleNodes, ProvisioningSequence> sequences, int parallel) {
        if (parallel < 1) {
            throw new IllegalArgumentException("parallel must be at least 1, got " + parallel);
        }
        this.keys = new SharedKeys(headscale);
        this.nodes = new SharedNodes(headscale, confirmInterval);
        this.sequences = sequences;
        this.parallel = parallel;
    }

    /** Runs every host and returns when each has ended (or was never started because of {@code stop}). */
    public Report run(List<Host> hosts, Progress progress, StopSignal stop) {
        AtomicInteger threads = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(parallel, hosts.size())), r -> {
            Thread t = new Thread(r, "mesh-host-" + threads.incrementAndGet());
            t.setDaemon(true); // a second Ctrl-C exits at once, whatever the hosts do
            return t;
        });
        List<Future<HostResult>> futures = new ArrayList<>();
        try {
            for (Host host : hosts) {
                futures.add(pool.submit(() -> runHost(host, progress, stop)));
            }
            List<HostResult> results = new ArrayList<>();
            for (Future<HostResult> f : futures) {
                results.add(await(f));
            }
            List<String> warnings = new ArrayList<>();
            try {
                keys.drain();
            } catch (AuthKeyException | RuntimeException e) {
                warnings.add("Could not expire the run's pre-auth key: " + e.getMessage());
            }
            return new Report(results, warnings, nodes.fetches());
        } finally {
            pool.shutdownNow();
        }
    }

    private HostResult runHost(Host host, Progress progress, StopSignal stop) {
        if (stop.stopRequested()) {
            HostResult skipped = new HostResult(host, Optional.empty(), Duration.ZERO, Optional.empty());
            progress.finished(skipped);
            return skipped;
        }
        progress.started(host);
        long start = System.nanoTime();
        ProvisioningSequence sequence = sequences.apply(keys, nodes.forHost(!host.request().force()));
        ProvisioningReport report = sequence.provision(host.request(), progress.listener(host), stop);
        Optional<HeadscaleNode> node = report.outcome() instanceof ProvisioningOutcome.Success s
                ? nodes.nodeWith(s.tailscaleIp()) : Optional.empty();
        HostResult result = new HostResult(host, Optional.of(report), Duration.ofNanos(System.nanoTime() - start), node);
        progress.finished(result);
        return result;
    }

    private static HostResult await(Future<HostResult> f) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return f.get();
                } catch (InterruptedException e) {
                    interrupted = true; // hosts end at their safe points; the run waits for them
                }
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("a host's run failed outside the sequence", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
