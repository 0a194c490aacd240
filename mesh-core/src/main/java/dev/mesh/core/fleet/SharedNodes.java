package dev.mesh.core.fleet;

import dev.mesh.core.authkey.AuthKeyException;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Headscale's node list for the hosts of one run (contracts.md item 5). Each host's
 * {@link dev.mesh.core.provision.NodeRegistry} gets a {@link #forHost view}: its first question
 * (REGISTRY_CHECK) is answered from the run's snapshot, fetched ONCE for all hosts; every later one
 * (the NODE_CONFIRMING poll) from the shared poll, which asks Headscale at most once per
 * {@code interval} however many hosts wait: a host that asks while a fetch runs waits for it and
 * takes its answer, one that asks within {@code interval} of the last poll's END gets that answer
 * (the snapshot, taken before the hosts joined, never answers a poll). So N hosts in NODE_CONFIRMING
 * make one request per interval, not N, even when one request takes longer than the interval (a
 * large node list, a slow server): measured from its start, every host that had waited for it would
 * fetch again, one after the other. A host whose node an answer does not list yet asks again after
 * the interval ({@link dev.mesh.core.provision.NodeRegistry}). A failed fetch is an answer too (the
 * same exception for everyone who shares it). Thread-safe.
 */
public final class SharedNodes {
    private final HeadscaleNodes source;
    private final Duration interval;
    private Fetch snapshot;
    private Fetch polled;
    private Fetch newest;
    private int fetches;

    /** One call of Headscale's node list: its nodes, or why there are none. */
    private record Fetch(long endedNanos, List<HeadscaleNode> nodes, AuthKeyException failure) {
        List<HeadscaleNode> get() throws AuthKeyException {
            if (failure != null) {
                throw failure;
            }
            return nodes;
        }
    }

    /** @param interval at most one fetch per interval ({@code mesh.headscale.confirm-interval}) */
    public SharedNodes(HeadscaleNodes source, Duration interval) {
        this.source = source;
        this.interval = interval;
    }

    /**
     * The node list as one host sees it.
     *
     * @param registryCheck whether the host's first question is its REGISTRY_CHECK (not with --force)
     */
    public HeadscaleNodes forHost(boolean registryCheck) {
        return new HeadscaleNodes() {
            private boolean first = registryCheck;

            @Override
            public List<HeadscaleNode> list() throws AuthKeyException {
                if (first) {
                    first = false;
                    return snapshot();
                }
                return poll();
            }
        };
    }

    /** The run's snapshot, fetched on first use. */
    synchronized List<HeadscaleNode> snapshot() throws AuthKeyException {
        if (snapshot == null) {
            snapshot = fetch();
        }
        return snapshot.get();
    }

    /**
     * The newest poll that ended less than {@code interval} ago, fetched now if there is none. The
     * snapshot never answers a poll: it was taken before the hosts joined.
     */
    synchronized List<HeadscaleNode> poll() throws AuthKeyException {
        if (polled == null || System.nanoTime() - polled.endedNanos() >= interval.toNanos()) {
            polled = fetch();
        }
        return polled.get();
    }

    /** The node with {@code address} among its Tailscale IPs in the newest list fetched, if any (for the summary). */
    public synchronized Optional<HeadscaleNode> nodeWith(String address) {
        return newest == null || newest.nodes() == null || address.isEmpty() ? Optional.empty()
                : newest.nodes().stream().filter(n -> n.hasAddress(address)).findFirst();
    }

    /** How many times Headscale was asked (for tests and the benchmark). */
    public synchronized int fetches() {
        return fetches;
    }

    private Fetch fetch() {
        fetches++;
        Fetch f;
        try {
            List<HeadscaleNode> nodes = List.copyOf(source.list());
            f = new Fetch(System.nanoTime(), nodes, null);
        } catch (AuthKeyException e) {
            f = new Fetch(System.nanoTime(), null, e);
        }
        newest = f;
        return f;
    }
}
