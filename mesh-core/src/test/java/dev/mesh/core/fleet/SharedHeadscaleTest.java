package dev.mesh.core.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.Secret;
import dev.mesh.api.TargetHost;
import dev.mesh.api.ProvisioningOptions;
import dev.mesh.core.authkey.AuthKeySource;
import dev.mesh.core.authkey.HeadscaleNode;
import dev.mesh.core.authkey.HeadscaleNodes;
import dev.mesh.core.authkey.KeyPolicy;
import dev.mesh.core.authkey.MintedKey;
import dev.mesh.core.provision.ProvisioningRequest;
import dev.mesh.core.provision.StopSignal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a fleet run shares: the run's key (SharedKeys), Headscale's node list (SharedNodes), and stopping. */
class SharedHeadscaleTest {
    private static final KeyPolicy REUSABLE = new KeyPolicy("mesh", true, false, Duration.ofHours(24), List.of());

    /** Counts mints and expiries; each key a new object. */
    static final class CountingKeys implements AuthKeySource {
        final AtomicInteger minted = new AtomicInteger();
        final List<MintedKey> expired = new ArrayList<>();
        final AtomicInteger versionAsked = new AtomicInteger();

        @Override
        public Optional<String> serverVersion() {
            versionAsked.incrementAndGet();
            return Optional.of("0.28.0");
        }

        @Override
        public Secret create(KeyPolicy policy) {
            return Secret.of("key-" + minted.incrementAndGet());
        }

        @Override
        public synchronized void expire(MintedKey key) {
            expired.add(key);
        }
    }

    @Test
    void aReusablePolicyMintsOneKeyForTheRunAndExpiresItOnceAfterTheLastHolder() throws Exception {
        CountingKeys source = new CountingKeys();
        SharedKeys keys = new SharedKeys(source);
        MintedKey a = keys.mint(REUSABLE);
        MintedKey b = keys.mint(REUSABLE);
        assertSame(a, b);
        keys.release(a);
        keys.release(b);
        assertEquals(List.of(), source.expired, "kept for hosts still to come");
        MintedKey c = keys.mint(REUSABLE);
        assertSame(a, c, "a later host reuses it");
        keys.drain();
        assertEquals(List.of(), source.expired, "still held by the running host");
        keys.release(c);
        assertEquals(List.of(a), source.expired, "expired once, by its last holder after the drain");
        assertEquals(1, source.minted.get());
    }

    @Test
    void theServersVersionReachesEveryHostAndIsAskedOnce() throws Exception {
        CountingKeys source = new CountingKeys();
        SharedKeys keys = new SharedKeys(source);
        assertEquals(Optional.of("0.28.0"), keys.serverVersion());
        assertEquals(Optional.of("0.28.0"), keys.serverVersion());
        assertEquals(1, source.versionAsked.get());
    }

    @Test
    void aSingleUsePolicyMintsAKeyPerHostExpiredWhenThatHostIsDone() throws Exception {
        CountingKeys source = new CountingKeys();
        SharedKeys keys = new SharedKeys(source);
        KeyPolicy single = REUSABLE.singleUse(Duration.ofHours(1));
        MintedKey a = keys.mint(single);
        MintedKey b = keys.mint(single);
        assertFalse(a.equals(b));
        keys.release(a);
        assertEquals(List.of(a), source.expired);
        keys.release(b);
        keys.drain();
        assertEquals(List.of(a, b), source.expired);
    }

    @Test
    void registryChecksShareOneSnapshotAndConfirmationsOnePollPerInterval() throws Exception {
        AtomicInteger fetches = new AtomicInteger();
        HeadscaleNodes source = () -> {
            fetches.incrementAndGet();
            return List.of(new HeadscaleNode("3", "web1", "web1", "mesh", List.of("100.64.0.7"), true, Optional.empty(),
                    Optional.empty()));
        };
        SharedNodes nodes = new SharedNodes(source, Duration.ofSeconds(30));
        List<HeadscaleNodes> views = List.of(nodes.forHost(true), nodes.forHost(true), nodes.forHost(true));
        for (HeadscaleNodes v : views) {
            v.list(); // REGISTRY_CHECK
        }
        assertEquals(1, fetches.get(), "one snapshot for every registry check");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> confirming = new ArrayList<>();
        for (HeadscaleNodes v : views) {
            Thread t = new Thread(() -> {
                try {
                    go.await();
                    v.list();
                    v.list();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            t.start();
            confirming.add(t);
        }
        go.countDown();
        for (Thread t : confirming) {
            t.join();
        }
        assertEquals(2, fetches.get(), "one poll for every host waiting within the interval");
        assertEquals("web1", nodes.nodeWith("100.64.0.7").orElseThrow().name());
        assertEquals(2, nodes.fetches());
    }

    @Test
    void afterAStopNoHostStarts() {
        FleetRun run = new FleetRun(null, Duration.ofSeconds(1), (keys, nodes) -> {
            throw new AssertionError("a sequence was started after the stop");
        }, 2);
        StopSignal stop = new StopSignal();
        stop.requestStop();
        List<FleetRun.Host> hosts = List.of(
                new FleetRun.Host("a", new ProvisioningRequest(new TargetHost("u", "a", 22), null, REUSABLE,
                        new ProvisioningOptions(false))),
                new FleetRun.Host("b", new ProvisioningRequest(new TargetHost("u", "b", 22), null, REUSABLE,
                        new ProvisioningOptions(false))));
        List<String> finished = new ArrayList<>();
        FleetRun.Report report = run.run(hosts, new FleetRun.Progress() {
            @Override
            public dev.mesh.api.StepListener listener(FleetRun.Host host) {
                throw new AssertionError("not started");
            }

            @Override
            public synchronized void finished(FleetRun.HostResult result) {
                finished.add(result.host().name());
            }
        }, stop);
        assertEquals(2, report.hosts().size());
        assertTrue(report.hosts().stream().noneMatch(FleetRun.HostResult::started));
        assertEquals(List.of("a", "b"), finished.stream().sorted().toList());
    }
}
