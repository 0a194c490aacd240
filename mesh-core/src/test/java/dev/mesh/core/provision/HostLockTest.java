package dev.mesh.core.provision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.ProvisioningContext;
import dev.mesh.core.provision.SequenceFixture.LockingProvisioner;
import dev.mesh.testkit.RecordingListener;
import dev.mesh.testkit.SimulatedLock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * HOST_LOCKING (issue 13 §7): one mesh run per host at a time, by the plugin's lock on the host held
 * on its own SSH channel for the whole run. A second run waits up to its limit, or stops with HOST_BUSY
 * before it mints anything; a lock whose holder's connection is gone is free again.
 */
class HostLockTest extends SequenceTestBase {
    SimulatedLock lock = new SimulatedLock(c -> Long.parseLong(c.substring("mesh-lock ".length())));
    RecordingKeys keys = new RecordingKeys();
    CountDownLatch installing = new CountDownLatch(1);
    CountDownLatch finishInstall = new CountDownLatch(1);

    @BeforeEach
    void simulatedLock() {
        f.host.onStream(c -> c.startsWith("mesh-lock "), lock);
    }

    @AfterEach
    void letTheFirstRunFinish() {
        finishInstall.countDown();
    }

    /** A first run, held in INSTALLING until the test lets it go on, and holding the lock meanwhile. */
    private CompletableFuture<ProvisioningReport> firstRunHoldingTheLock() throws InterruptedException {
        CompletableFuture<ProvisioningReport> first = CompletableFuture.supplyAsync(
                () -> run(blockingInInstall(), Duration.ofSeconds(5), f.events));
        assertTrue(installing.await(20, TimeUnit.SECONDS));
        return first;
    }

    /** A plugin whose INSTALLING waits until the test lets it go on. */
    private LockingProvisioner blockingInInstall() {
        LockingProvisioner plugin = new LockingProvisioner();
        plugin.onInstall = ctx -> {
            installing.countDown();
            await(finishInstall);
        };
        return plugin;
    }

    private ProvisioningReport run(LockingProvisioner plugin, Duration wait, RecordingListener events) {
        return f.sequence(List.of(plugin), keys).withHostLockWait(wait).provision(f.request(), events);
    }

    @Test
    void theLockIsHeldForTheWholeRunAndFreeAfterIt() {
        LockingProvisioner plugin = new LockingProvisioner();
        plugin.onInstall = ctx -> assertTrue(lock.held(), "held while the host changes");
        ProvisioningReport report = run(plugin, Duration.ofSeconds(5), f.events);
        assertInstanceOf(ProvisioningOutcome.Success.class, report.outcome());
        assertEquals(ProvisioningState.HOST_LOCKING, report.path().get(2));
        assertTrue(f.events.has("ok", "Locked steve@127.0.0.1:" + f.host.port() + " for this run"), f.events.lines.toString());
        awaitFree();
    }

    @Test
    void aSecondRunStopsBeforeMintingAnythingWhileTheFirstHoldsTheLock() throws Exception {
        CompletableFuture<ProvisioningReport> first = firstRunHoldingTheLock();

        RecordingListener second = new RecordingListener();
        LockingProvisioner other = new LockingProvisioner();
        ProvisioningReport busy = run(other, Duration.ZERO, second);

        ProvisioningOutcome.Failed failed = assertInstanceOf(ProvisioningOutcome.Failed.class, busy.outcome());
        assertEquals(FailureReason.HOST_BUSY, failed.reason());
        assertEquals("HOST_LOCKING", failed.step());
        assertTrue(failed.cause().startsWith("another mesh run is in progress on steve@127.0.0.1:" + f.host.port()),
                failed.cause());
        assertEquals(List.of(), other.steps, "nothing inspected or changed");
        assertEquals(List.of("7"), keys.minted, "only the first run minted a key");

        finishInstall.countDown();
        assertInstanceOf(ProvisioningOutcome.Success.class, first.get(20, TimeUnit.SECONDS).outcome());
    }

    @Test
    void aSecondRunWaitsForTheFirstAndThenGoesOn() throws Exception {
        CompletableFuture<ProvisioningReport> first = firstRunHoldingTheLock();
        RecordingListener second = new RecordingListener();
        CompletableFuture<ProvisioningReport> waiting = CompletableFuture.supplyAsync(
                () -> run(new LockingProvisioner(), Duration.ofSeconds(20), second));
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!second.has("info", "Another mesh run holds the lock on steve@127.0.0.1:" + f.host.port()
                + "; waiting up to 20 s")) {
            assertTrue(System.nanoTime() < end, second.lines.toString());
            Thread.sleep(20);
        }
        assertFalse(waiting.isDone());

        finishInstall.countDown();
        assertInstanceOf(ProvisioningOutcome.Success.class, first.get(20, TimeUnit.SECONDS).outcome());
        assertInstanceOf(ProvisioningOutcome.Success.class, waiting.get(20, TimeUnit.SECONDS).outcome());
    }

    @Test
    void aLockWhoseConnectionIsGoneIsFree() throws Exception {
        HostConnection holder = f.ssh.connect(f.target());
        HeldCommand held = holder.hold("mesh-lock 0");
        assertEquals("mesh-lock: held", held.nextLine(Duration.ofSeconds(10)).orElseThrow());
        assertTrue(lock.held());
        holder.close(); // the session ends without the holder closing its input first
        awaitFree();
    }

    @Test
    void aHostWhoseLockingProgramIsMissingIsProvisionedWithAWarning() {
        // what sh answers at once for a program it cannot find, whatever its standard input
        f.host.onStream("flock-not-installed"::equals, (c, in, out, err) -> {
            err.write("sh: 1: flock-not-installed: not found\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            err.flush();
            return 127;
        });
        LockingProvisioner plugin = new LockingProvisioner() {
            @Override
            public String lockCommand(ProvisioningContext ctx, Duration wait) {
                return "flock-not-installed";
            }
        };
        ProvisioningReport report = run(plugin, Duration.ofSeconds(1), f.events);
        assertInstanceOf(ProvisioningOutcome.Success.class, report.outcome());
        assertTrue(f.events.has("warn", "Could not take mesh's lock on steve@127.0.0.1:" + f.host.port()
                + " (sh: 1: flock-not-installed: not found); another mesh run on this host at the same time is not prevented"),
                f.events.lines.toString());
    }

    private void awaitFree() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (lock.held()) {
            assertTrue(System.nanoTime() < end, "the lock stayed taken");
            Thread.onSpinWait();
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
